package dev.vigil.spring.boot;

import dev.vigil.Vigil;

/**
 * Changes the auto-configured {@link Vigil.Builder} before the {@code Vigil} bean is built: channels, kinds,
 * a clock, signal subscribers... Applied after the {@code vigil.*} properties, in {@code @Order}.
 *
 * <pre>{@code
 * @Bean
 * VigilBuilderCustomizer slack() {
 *     return builder -> builder.channel("ops", SlackNotifier.create(url, OutboundPolicy.publicOnly()));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface VigilBuilderCustomizer {
    void customize(Vigil.Builder builder);
}
