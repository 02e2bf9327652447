package dev.vigil.reliability;

import java.time.Duration;
import java.util.Locale;

/**
 * How big a run is: {@code -Dreliability.size=ci} (the default: the whole module in under 3 minutes on 2 cores) or
 * {@code full}. Every figure a scenario uses comes from here, so the two sizes run the same code.
 */
enum Size {
    CI(8, 50, 3, 60, 2_000, 60, 30, Duration.ofMillis(250), 20, 12, 40),
    FULL(16, 400, 5, 500, 20_000, 200, 200, Duration.ofMillis(1200), 200, 40, 200);

    /** Concurrent pushing threads. */
    final int threads;
    /** Pushes per thread and monitor. */
    final int pushesPerThread;
    /** Monitors pushed concurrently. */
    final int monitors;
    /** Fuzzed inputs per route. */
    final int inputsPerRoute;
    /** Random-bytes requests against arbitrary paths. */
    final int randomRequests;
    /** Slow (slowloris) clients held open at once. */
    final int slowClients;
    /** DOWN transitions delivered through a slow receiver by two instances. */
    final int slowTransitions;
    /** How long the slow receiver takes per request. */
    final Duration slowReceiver;
    /** Transitions delivered while the receiver is down. */
    final int downTransitions;
    /** Monitors in the crash and downtime scenarios. */
    final int crashMonitors;
    /** Idempotent retries in the idempotency scenario. */
    final int idempotentRetries;

    Size(int threads, int pushesPerThread, int monitors, int inputsPerRoute, int randomRequests, int slowClients,
            int slowTransitions, Duration slowReceiver, int downTransitions, int crashMonitors, int idempotentRetries) {
        this.threads = threads;
        this.pushesPerThread = pushesPerThread;
        this.monitors = monitors;
        this.inputsPerRoute = inputsPerRoute;
        this.randomRequests = randomRequests;
        this.slowClients = slowClients;
        this.slowTransitions = slowTransitions;
        this.slowReceiver = slowReceiver;
        this.downTransitions = downTransitions;
        this.crashMonitors = crashMonitors;
        this.idempotentRetries = idempotentRetries;
    }

    static Size current() {
        String s = System.getProperty("reliability.size", "ci").trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "", "ci" -> CI;
            case "full" -> FULL;
            default -> throw new IllegalArgumentException("reliability.size must be ci or full, got '" + s + "'");
        };
    }

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
