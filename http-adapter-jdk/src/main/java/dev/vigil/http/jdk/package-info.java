/**
 * {@link dev.vigil.http.jdk.VigilHttpHandler}: Vigil's HTTP API on the JDK's own
 * {@code com.sun.net.httpserver.HttpServer}, at the root or under a prefix.
 */
@NullMarked
package dev.vigil.http.jdk;

import org.jspecify.annotations.NullMarked;
