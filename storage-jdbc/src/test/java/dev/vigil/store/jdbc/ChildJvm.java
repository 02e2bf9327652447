package dev.vigil.store.jdbc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A class's {@code main} run in a child JVM on the test class path, its output (stdout and stderr) read line by line.
 * Tests wait for the lines the child prints, never on a timer, and end it with {@link #kill()}: {@code kill -9}, so
 * nothing in the child (shutdown hooks, finally blocks, a database's close) runs.
 */
final class ChildJvm implements AutoCloseable {
    private static final String EOF = new String("EOF"); // a marker compared by identity

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final ArrayDeque<String> tail = new ArrayDeque<>(); // the last lines read, for failure messages

    private ChildJvm(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process was killed
            }
            lines.add(EOF);
        }, "child-jvm-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code main} of {@code mainClass} with {@code args}. */
    static ChildJvm start(Class<?> mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), mainClass.getName()));
        cmd.addAll(List.of(args));
        return new ChildJvm(new ProcessBuilder(cmd).redirectErrorStream(true).start());
    }

    /**
     * Hands every line the child prints to {@code done} until it returns true for one, and returns that line.
     *
     * @throws AssertionError if the child ends first, or {@code timeout} passes (a hung child), with its output
     */
    String awaitLine(Predicate<String> done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no expected line from the child within " + timeout + "; its last lines:\n"
                        + String.join("\n", tail));
            }
            if (line == EOF) {
                lines.add(EOF);
                throw new AssertionError("the child ended (exit code " + process.waitFor() + ") before the expected"
                        + " line; its last lines:\n" + String.join("\n", tail));
            }
            tail.add(line);
            if (tail.size() > 40) {
                tail.poll();
            }
            if (done.test(line)) {
                return line;
            }
        }
    }

    /** {@code kill -9} ({@link Process#destroyForcibly()} sends SIGKILL), then waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            throw new AssertionError("the child did not die within a minute of SIGKILL");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
