package dev.vigil.spring.boot;

import dev.vigil.Vigil;
import dev.vigil.micrometer.VigilMetrics;
import dev.vigil.micrometer.VigilOutboxMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Vigil's Micrometer meters ({@code vigil.pushes}, {@code vigil.transitions}, {@code vigil.outbox.pending}, ...)
 * when the application has a {@link MeterRegistry} bean (Actuator's, or its own).
 */
@AutoConfiguration(afterName = {"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass({MeterRegistry.class, VigilMetrics.class})
@ConditionalOnBean(MeterRegistry.class)
public class VigilMetricsAutoConfiguration {

    /** A listener: the Vigil bean registers every {@code VigilListener} bean. */
    @Bean
    @ConditionalOnMissingBean
    public VigilMetrics vigilMetrics(MeterRegistry registry) {
        return new VigilMetrics(registry);
    }

    @Bean
    @ConditionalOnMissingBean
    public VigilOutboxMetrics vigilOutboxMetrics(Vigil vigil, MeterRegistry registry, VigilProperties properties) {
        VigilOutboxMetrics gauges = new VigilOutboxMetrics(vigil, properties.getMetrics().getOutboxRefresh(),
                Tags.empty());
        // Actuator binds MeterBinder beans too; binding twice registers the same two gauges once
        gauges.bindTo(registry);
        return gauges;
    }
}
