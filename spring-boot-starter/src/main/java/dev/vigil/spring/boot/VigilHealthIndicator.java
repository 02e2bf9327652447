package dev.vigil.spring.boot;

import dev.vigil.Vigil;
import dev.vigil.spi.StoreUnavailableException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** {@code vigil}: UP while Vigil's store answers ({@link Vigil#checkReady()}), DOWN while it cannot be reached. */
public final class VigilHealthIndicator implements HealthIndicator {
    private final Vigil vigil;

    public VigilHealthIndicator(Vigil vigil) {
        this.vigil = vigil;
    }

    @Override
    public Health health() {
        try {
            vigil.checkReady();
            return Health.up().build();
        } catch (StoreUnavailableException e) {
            return Health.down().withDetail("store", "unreachable").withDetail("error", e.getMessage()).build();
        }
    }
}
