package dev.vigil.http.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Vigil;
import dev.vigil.model.Signal;
import dev.vigil.store.memory.MemoryStore;
import dev.vigil.task.TaskLevel;
import dev.vigil.task.TaskSpec;
import dev.vigil.task.TaskType;
import dev.vigil.task.Tolerance;
import dev.vigil.testkit.ManualClock;
import dev.vigil.testkit.RecordingNotifier;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The servlet filter a host webapp adds to watch its own 5xx rate, in a real Jetty. */
class VigilMetricsFilterTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ManualClock clock = ManualClock.at("2025-01-15T12:00:10Z");
    private final List<Signal> signals = Collections.synchronizedList(new ArrayList<>());
    private Vigil vigil;
    private Server server;
    private String base;

    /** The host's own servlet: 200, 500, or an exception. */
    static final class HostServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            switch (req.getRequestURI()) {
                case "/boom" -> resp.sendError(503);
                case "/throw" -> throw new IllegalStateException("host bug");
                default -> resp.getWriter().write("ok");
            }
        }
    }

    @BeforeEach
    void start() throws Exception {
        vigil = Vigil.builder().store(new MemoryStore()).clock(clock).notifier(new RecordingNotifier())
                .onSignal(signals::add).build();
        server = new Server(new QueuedThreadPool(8, 2));
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addFilter(new FilterHolder(new VigilMetricsFilter(vigil, "shop", "web.1")), "/*",
                EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new HostServlet()), "/*");
        server.setHandler(context);
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        vigil.close();
    }

    private int get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void countsPerMinuteWithoutAStoreWritePerRequestAndFeedsTheAppsFiveXxTask() throws Exception {
        vigil.tasks().create(TaskSpec.fiveXx("shop", Tolerance.LOW).post("https://hooks.example.com/x").build());
        for (int minute = 0; minute < 3; minute++) { // quiet minutes: requests, no errors
            for (int i = 0; i < 5; i++) {
                assertThat(get("/ok")).isEqualTo(200);
            }
            clock.advance(Duration.ofMinutes(1));
            vigil.tick();
        }
        assertThat(get("/boom")).isEqualTo(503);
        assertThat(get("/throw")).isEqualTo(500);
        assertThat(get("/ok")).isEqualTo(200);
        // one record per finished minute (the first request after it flushed it); this minute's is not recorded yet
        List<Signal> before = List.copyOf(signals);
        assertThat(before).filteredOn(s -> "http_requests".equals(s.field("metric"))).hasSize(3)
                .allSatisfy(s -> assertThat(s.field("value")).isEqualTo("5"));
        clock.advance(Duration.ofMinutes(1));
        assertThat(get("/ok")).isEqualTo(200); // the first request of the new minute flushes the last one
        assertThat(signals).filteredOn(s -> "http_5xx".equals(s.field("metric"))).last()
                .satisfies(s -> {
                    assertThat(s.field("value")).isEqualTo("2");
                    assertThat(s.field("dyno")).isEqualTo("web.1");
                    assertThat(s.at()).isEqualTo(java.time.Instant.parse("2025-01-15T12:03:00Z"));
                });
        vigil.tick();
        assertThat(vigil.tasks().find(TaskType.FIVE_XX, "shop").orElseThrow().status().level())
                .isEqualTo(TaskLevel.CRITICAL);
    }
}
