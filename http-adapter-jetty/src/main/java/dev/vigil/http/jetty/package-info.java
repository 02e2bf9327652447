/**
 * Vigil on embedded Jetty 12: {@link dev.vigil.http.jetty.VigilJetty#useJsonErrors JSON error bodies} for every error
 * Jetty produces itself (malformed requests, oversized headers, unsupported versions, ...) and a
 * {@link dev.vigil.http.jetty.VigilJetty#hardenedConnector hardened connector} that slow clients cannot stall.
 */
@NullMarked
package dev.vigil.http.jetty;

import org.jspecify.annotations.NullMarked;
