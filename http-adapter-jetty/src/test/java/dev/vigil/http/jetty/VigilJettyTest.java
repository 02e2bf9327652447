package dev.vigil.http.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VigilJettyTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private Server server;
    private ServletContextHandler context;
    private String base;

    /** Fails the way applications do: with a container error carrying internal details, or an exception. */
    static final class FailingServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            if (req.getPathInfo().equals("/throw")) {
                throw new IllegalStateException("com.example.internal.Thing broke at /secret/path");
            }
            resp.sendError(403, "org.example.AccessPolicy denied user 42");
        }
    }

    @BeforeAll
    void start() throws Exception {
        server = new Server(VigilJetty.threadPool(16));
        ServerConnector connector = VigilJetty.hardenedConnector(server, "127.0.0.1", 0);
        server.addConnector(connector);
        context = new ServletContextHandler();
        context.setContextPath("/");
        ErrorPageErrorHandler pages = new ErrorPageErrorHandler();
        pages.addErrorPage(418, "/teapot.html");
        context.setErrorHandler(pages);
        context.addServlet(new ServletHolder(new FailingServlet()), "/app/*");
        server.setHandler(context);
        VigilJetty.useJsonErrors(server);
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterAll
    void stop() throws Exception {
        server.stop();
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return CLIENT.send(b.timeout(Duration.ofSeconds(10)).build(), BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html,*/*;q=0.8");
    }

    private static void assertJson(HttpResponse<String> r, int status, String error) {
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/json"));
        assertThat(r.body()).isEqualTo("{\"error\":\"" + error + "\"}");
    }

    @Test
    void installsOnTheServerAndOnServletContextsKeepingTheirErrorPages() {
        assertThat(server.getErrorHandler()).isInstanceOf(VigilJettyErrorHandler.class);
        assertThat(context.getErrorHandler()).isInstanceOf(VigilServletErrorHandler.class);
        assertThat(((VigilServletErrorHandler) context.getErrorHandler()).getErrorPages())
                .containsEntry("418", "/teapot.html");
        assertThat(server.getConnectors()[0].getConnectionFactories()).hasSize(1);
    }

    @Test
    void errorsAreJsonWhateverTheClientAccepts() throws Exception {
        assertJson(send(request("/nothing")), 404, "Not found");
        assertJson(send(request("/nothing").header("Accept", "application/xml")), 404, "Not found");
        assertJson(send(request("/nothing").PUT(BodyPublishers.ofString("x"))), 405, "Method not allowed");
        HttpResponse<String> head = send(request("/nothing").method("HEAD", BodyPublishers.noBody()));
        assertThat(head.statusCode()).isEqualTo(404);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void applicationDetailsAndExceptionsNeverReachTheClient() throws Exception {
        assertJson(send(request("/app/denied")), 403, "Forbidden");
        assertJson(send(request("/app/throw")), 500, "Internal server error");
    }

    @Test
    void messagesAreChosenByStatusAndCauseNeverCopied() {
        assertThat(ErrorBodies.message(400, "Ambiguous URI path separator")).contains("URL");
        assertThat(ErrorBodies.message(400, "Duplicate Content-Length")).contains("Content-Length");
        assertThat(ErrorBodies.message(400, "Content-Length and Transfer-Encoding")).contains("not both");
        assertThat(ErrorBodies.message(400, "org.example.Secret")).isEqualTo(
                "The request is malformed and could not be read");
        assertThat(ErrorBodies.message(431, null)).isEqualTo("The request headers are too large");
        assertThat(ErrorBodies.message(505, "Unknown Version")).contains("HTTP/1.1");
        assertThat(ErrorBodies.message(418, "x")).isEqualTo("I'm a Teapot");
        assertThat(new String(ErrorBodies.json(400, "bad %zz", new NumberFormatException("!hex z")),
                java.nio.charset.StandardCharsets.UTF_8)).startsWith("{\"error\":\"The request URL is malformed")
                .endsWith("\"}").doesNotContain("hex");
        assertThat(Map.of("threads", VigilJetty.threadPool(32).getMaxThreads())).containsEntry("threads", 32);
        assertThatThrownBy(() -> VigilJetty.threadPool(2)).isInstanceOf(IllegalArgumentException.class);
    }
}
