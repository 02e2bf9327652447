package dev.vigil.http.jetty;

import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * The error handler for a Jetty 12 ee10 {@code ServletContextHandler}: errors raised inside the context (a path no
 * servlet is mapped to, an ambiguous path the servlet layer refuses, a servlet that failed) are answered with
 * {@code {"error": "..."}} as {@code application/json}, like {@link VigilJettyErrorHandler} does for the server.
 * Error pages registered with {@link #addErrorPage} still take precedence.
 *
 * <pre>{@code
 * context.setErrorHandler(new VigilServletErrorHandler());
 * }</pre>
 */
public class VigilServletErrorHandler extends ErrorPageErrorHandler {
    public VigilServletErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
        setDefaultResponseMimeType("application/json");
    }

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
