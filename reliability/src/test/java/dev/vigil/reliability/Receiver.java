package dev.vigil.reliability;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real webhook receiver on 127.0.0.1 (the JDK's HttpServer, one thread per request): it can be slow (a delay per
 * request), hold requests until released (a receiver that has the request when Vigil dies), be down (nothing
 * listens) and up again on the same port, or answer with a fixed status and headers (a redirect). It counts the
 * requests per {@code Idempotency-Key}, which is how lost and duplicated deliveries are counted.
 */
final class Receiver implements AutoCloseable {
    record Request(String path, String key, String body, java.time.Instant receivedAt) {
    }

    private final int port;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "receiver");
        t.setDaemon(true);
        return t;
    });
    private HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private volatile Duration delay = Duration.ZERO;
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile int status = 200;
    private volatile Map<String, String> answerHeaders = Map.of();
    private int inFlight;

    Receiver() {
        server = listen(0);
        port = server.getAddress().getPort();
    }

    private HttpServer listen(int onPort) {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 200);
            s.setExecutor(threads);
            s.createContext("/", exchange -> {
                try (InputStream in = exchange.getRequestBody()) {
                    String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    synchronized (this) {
                        requests.add(new Request(exchange.getRequestURI().getPath(),
                                exchange.getRequestHeaders().getFirst("Idempotency-Key"), body, java.time.Instant.now()));
                        inFlight++;
                        notifyAll();
                    }
                    try {
                        if (!gate.await(5, TimeUnit.MINUTES)) {
                            return;
                        }
                        Duration d = delay;
                        if (!d.isZero()) {
                            Thread.sleep(d.toMillis()); // the receiver's own slowness: what the scenario simulates
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } finally {
                        synchronized (this) {
                            inFlight--;
                        }
                    }
                    answerHeaders.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
                    exchange.sendResponseHeaders(status, -1);
                } finally {
                    exchange.close();
                }
            });
            s.start();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    Receiver delay(Duration d) {
        this.delay = d;
        return this;
    }

    Receiver answer(int status, Map<String, String> headers) {
        this.status = status;
        this.answerHeaders = Map.copyOf(headers);
        return this;
    }

    /** From now on requests are received and recorded but not answered until {@link #release()}. */
    void hold() {
        gate = new CountDownLatch(1);
    }

    void release() {
        gate.countDown();
    }

    /** Requests received and not answered yet. */
    synchronized int inFlight() {
        return inFlight;
    }

    /** Nothing listens until {@link #up()}: connections are refused. */
    synchronized void down() {
        server.stop(0);
    }

    synchronized void up() {
        server = listen(port);
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Requests per idempotency key. */
    synchronized Map<String, Integer> perKey() {
        Map<String, Integer> m = new HashMap<>();
        for (Request r : requests) {
            m.merge(String.valueOf(r.key()), 1, Integer::sum);
        }
        return m;
    }

    /** Requests beyond the first for each key. */
    synchronized int duplicates() {
        return perKey().values().stream().mapToInt(n -> n - 1).sum();
    }

    @Override
    public void close() {
        release();
        synchronized (this) {
            server.stop(0);
        }
        threads.shutdownNow();
    }
}
