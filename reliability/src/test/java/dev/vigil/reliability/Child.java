package dev.vigil.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Vigil server in a child JVM (the test's own class path), its output in a log file the test can grep.
 * {@link #kill()} is {@code kill -9}: {@link Process#destroyForcibly()} sends SIGKILL on Linux, so no shutdown hook,
 * no flush, no clean close runs.
 */
final class Child implements AutoCloseable {
    static final String EXAMPLE_SERVER = "dev.vigil.examples.ExampleServer";
    static final String RELIABILITY_SERVER = ReliabilityServer.class.getName();
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+?)/?\\s*$", Pattern.MULTILINE);

    private final Process process;
    private final Path log;
    private final String url;

    private Child(Process process, Path log, String url) {
        this.process = process;
        this.log = log;
        this.url = url;
    }

    /** Starts {@code mainClass} with {@code args} and {@code env}, and waits (up to 60 s) until it listens. */
    static Child start(String mainClass, List<String> args, Map<String, String> env, Path log) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                mainClass));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int from = length(log);
        while (System.nanoTime() < deadline) {
            String out = read(log);
            Matcher m = LISTENING.matcher(out.substring(Math.min(from, out.length())));
            if (m.find()) {
                return new Child(p, log, m.group(1));
            }
            if (!p.isAlive()) {
                throw new AssertionError("the child exited with " + p.exitValue() + " before listening:\n" + out);
            }
            Poll.pause();
        }
        p.destroyForcibly();
        throw new AssertionError("the child did not listen within 60 s:\n" + read(log));
    }

    private static int length(Path log) {
        return read(log).length();
    }

    static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return url;
    }

    /** Everything every start of this log's children printed. */
    String log() {
        return read(log);
    }

    Path logFile() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** {@code kill -9}, and waits until the process is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the child survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** SIGTERM: a clean stop (shutdown hooks run). */
    void stop() {
        process.toHandle().destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    /** Polls for an outcome the child produces on its own clock. */
    static final class Poll {
        private Poll() {
        }

        static void pause() {
            try {
                Thread.sleep(50); // between two looks at an external process's observable output, not a wait for time
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        /** Waits until {@code condition} holds, at most {@code within}; fails with {@code what} otherwise. */
        static void until(Duration within, String what, Check condition) {
            long deadline = System.nanoTime() + within.toNanos();
            Throwable last = null;
            while (System.nanoTime() < deadline) {
                try {
                    if (condition.holds()) {
                        return;
                    }
                } catch (Exception | AssertionError e) {
                    last = e;
                }
                pause();
            }
            AssertionError e = new AssertionError("not within " + within.toSeconds() + " s: " + what);
            if (last != null) {
                e.initCause(last);
            }
            throw e;
        }
    }

    @FunctionalInterface
    interface Check {
        boolean holds() throws Exception;
    }
}
