package dev.vigil.testkit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP receiver on 127.0.0.1 (the JDK's HttpServer) for webhook tests: it records every request and answers
 * with scripted statuses (200 once the script is used up). {@link #stop()} and {@link #restart()} simulate a receiver
 * that is down for a while, {@link #delay(Duration)} a slow one. It serves requests concurrently and records how many
 * it served at once.
 */
public final class HttpReceiver implements AutoCloseable {
    public record Request(String method, String path, Headers headers, String body) {
        public String header(String name) {
            return headers.getFirst(name);
        }
    }

    /** A scripted answer. */
    public record Answer(int status, Map<String, String> headers, String body) {
        public static Answer of(int status) {
            return new Answer(status, Map.of(), "");
        }
    }

    private HttpServer server;
    private final int port;
    private final List<Request> requests = new ArrayList<>();
    private final Deque<Answer> script = new ArrayDeque<>();
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "http-receiver");
        t.setDaemon(true);
        return t;
    });
    private volatile Duration delay = Duration.ZERO;
    private int inFlight;
    private int maxInFlight;

    public HttpReceiver() throws IOException {
        server = start(0);
        port = server.getAddress().getPort();
    }

    private HttpServer start(int onPort) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
        s.createContext("/", exchange -> {
            synchronized (this) {
                maxInFlight = Math.max(maxInFlight, ++inFlight);
            }
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (!delay.isZero()) {
                    Thread.sleep(delay.toMillis()); // a slow receiver: it takes this long to answer
                }
                Answer a;
                synchronized (this) {
                    requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                            exchange.getRequestHeaders(), body));
                    a = script.isEmpty() ? Answer.of(200) : script.poll();
                    notifyAll();
                }
                a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
                byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
                if (bytes.length > 0) {
                    exchange.getResponseBody().write(bytes);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                synchronized (this) {
                    inFlight--;
                }
                exchange.close();
            }
        });
        s.setExecutor(executor);
        s.start();
        return s;
    }

    /** Stops listening: connections are refused until {@link #restart()}. */
    public synchronized void stop() {
        server.stop(0);
    }

    /** Listens again on the same port. */
    public synchronized void restart() throws IOException {
        server = start(port);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public int port() {
        return port;
    }

    public synchronized HttpReceiver answer(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Answers each request only after {@code d}, as a slow receiver does. */
    public HttpReceiver delay(Duration d) {
        this.delay = d;
        return this;
    }

    /** The most requests it was serving at one time. */
    public synchronized int maxInFlight() {
        return maxInFlight;
    }

    /** Waits until it has recorded at least {@code n} requests; false if {@code timeout} passed first. */
    public synchronized boolean awaitRequests(int n, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (requests.size() < n) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    @Override
    public synchronized void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
