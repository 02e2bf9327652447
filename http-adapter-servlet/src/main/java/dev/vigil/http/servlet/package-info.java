/** {@link dev.vigil.http.servlet.VigilServlet}: Vigil's HTTP API as a Jakarta Servlet 6, mountable under any prefix. */
@NullMarked
package dev.vigil.http.servlet;

import org.jspecify.annotations.NullMarked;
