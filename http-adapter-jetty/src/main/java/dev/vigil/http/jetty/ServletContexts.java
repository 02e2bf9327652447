package dev.vigil.http.jetty;

import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;

/** The ee10 part of {@link VigilJetty#useJsonErrors}, in a class of its own so that ee10 is needed only when used. */
final class ServletContexts {
    private ServletContexts() {
    }

    static void useJsonErrors(Server server) {
        for (ServletContextHandler context : server.getDescendants(ServletContextHandler.class)) {
            Request.Handler current = context.getErrorHandler();
            if (current instanceof VigilServletErrorHandler) {
                continue;
            }
            VigilServletErrorHandler json = new VigilServletErrorHandler();
            if (current instanceof ErrorPageErrorHandler pages) {
                json.setErrorPages(pages.getErrorPages());
            }
            context.setErrorHandler(json);
        }
    }
}
