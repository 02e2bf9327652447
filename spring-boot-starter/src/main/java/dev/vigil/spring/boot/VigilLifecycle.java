package dev.vigil.spring.boot;

import dev.vigil.Vigil;
import org.springframework.context.SmartLifecycle;

/**
 * Starts Vigil's evaluator and delivery threads when the context starts (before the web server takes requests) and
 * stops them when it stops (after the web server). A Vigil that stopped cannot start again.
 */
public final class VigilLifecycle implements SmartLifecycle {
    /** Before the web server's start (DEFAULT_PHASE - 2048) and so stopped after it. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private final Vigil vigil;
    private volatile boolean running;

    public VigilLifecycle(Vigil vigil) {
        this.vigil = vigil;
    }

    @Override
    public void start() {
        vigil.start();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        vigil.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
