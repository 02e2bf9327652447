package dev.vigil.testkit.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A few bytes of HTTP/1.1 over a plain socket, for what java.net.http cannot do: send {@code Expect: 100-continue}
 * the way curl does for large bodies and look at the answer (JDK 17's client waits forever when the answer is a
 * final status instead of 100).
 */
public final class RawHttp {
    private RawHttp() {
    }

    /** Sends the request head only and returns everything the server answers until it closes (or 5 s pass). */
    public static String head(String baseUrl, String requestHead) {
        return exchange(baseUrl, requestHead);
    }

    /**
     * Sends the parts with a pause between them (so the server sees each one arrive separately) and returns
     * everything the server answers until it closes (or 5 s pass).
     */
    public static String exchange(String baseUrl, String... parts) {
        URI u = URI.create(baseUrl);
        try (Socket s = new Socket("127.0.0.1", u.getPort())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    pause();
                }
                out.write(parts[i].getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    got.write(buf, 0, n);
                }
            } catch (SocketTimeoutException e) {
                // the server kept the connection open: return what we have
            }
            return got.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends the parts and closes the connection without waiting for an answer. */
    public static void closeAfterSending(String baseUrl, String... parts) {
        URI u = URI.create(baseUrl);
        try (Socket s = new Socket("127.0.0.1", u.getPort())) {
            OutputStream out = s.getOutputStream();
            for (String part : parts) {
                out.write(part.getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(150);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
