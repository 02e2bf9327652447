package dev.vigil.spring.boot;

import dev.vigil.Vigil;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;

/** The {@code vigil} health indicator, when Actuator's health support is present ({@code management.health.vigil.enabled}). */
@AutoConfiguration(after = VigilAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
@ConditionalOnBean(Vigil.class)
@ConditionalOnEnabledHealthIndicator("vigil")
public class VigilHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "vigilHealthIndicator")
    public VigilHealthIndicator vigilHealthIndicator(Vigil vigil) {
        return new VigilHealthIndicator(vigil);
    }
}
