/**
 * Vigil's HTTP API, independent of any server: a {@link dev.vigil.http.HttpRequest} goes in, a
 * {@link dev.vigil.http.HttpResponse} comes out of {@link dev.vigil.http.VigilHttp#handle}. Adapters (the servlet
 * adapter, or your own) only translate. Paths are relative to wherever the API is mounted.
 */
@NullMarked
package dev.vigil.http;

import org.jspecify.annotations.NullMarked;
