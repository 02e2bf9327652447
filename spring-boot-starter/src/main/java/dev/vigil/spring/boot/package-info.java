/**
 * Spring Boot auto-configuration for Vigil: a {@link dev.vigil.Vigil} bean on the application's
 * {@code DataSource} (or in memory), {@code VigilServlet} at {@code vigil.http.path}, Micrometer meters when a
 * {@code MeterRegistry} exists, and an Actuator health indicator. Every bean backs off when the application defines
 * its own.
 */
@NullMarked
package dev.vigil.spring.boot;

import org.jspecify.annotations.NullMarked;
