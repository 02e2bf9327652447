package dev.vigil.http.jetty;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * Jetty's server-wide error handler, answering {@code {"error": "..."}} with {@code application/json} whatever the
 * client accepts, for every method, instead of Jetty's HTML page. It handles what Jetty rejects before any handler
 * runs: a malformed or ambiguous URL (400), headers over the limit (431), a bad or repeated Content-Length (400), an
 * unknown HTTP version (505), {@code CONNECT}, and what no context handles. The message is in the client's terms and
 * never names a Java class, an exception or the request URL.
 *
 * <pre>{@code
 * server.setErrorHandler(new VigilJettyErrorHandler());   // or VigilJetty.useJsonErrors(server)
 * }</pre>
 *
 * Servlet contexts (ee10) have error handlers of their own: use {@link VigilServletErrorHandler} there, or
 * {@link VigilJetty#useJsonErrors(org.eclipse.jetty.server.Server)}, which installs both.
 */
public class VigilJettyErrorHandler extends ErrorHandler {
    public VigilJettyErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
        setDefaultResponseMimeType("application/json");
    }

    /** Every method gets a body (Jetty's default is GET, POST and HEAD only); a HEAD answer never carries it. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, @Nullable String message,
            @Nullable Throwable cause, Callback callback) {
        ErrorBodies.respond(response, code, message, cause, callback);
    }
}
