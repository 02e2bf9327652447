package dev.vigil.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.idempotency.Idempotency;
import dev.vigil.idempotency.Idempotency.Answer;
import dev.vigil.Vigil;
import dev.vigil.monitor.CreatedMonitor;
import dev.vigil.monitor.Payload;
import dev.vigil.monitor.PushMonitorSpec;
import dev.vigil.spi.VigilStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests with an idempotency key, on the store under test: a retry gets the first answer and changes nothing; a
 * different request under the key is refused; racing retries on two instances sharing the database apply the
 * change once; a request that changed nothing and failed on the server side runs again; keys expire after 24 h.
 */
public abstract class IdempotentRequestContractTest extends StoreContract {
    private static final Answer OK = new Answer(200, "text/plain", "OK");
    protected ManualClock clock;
    private Vigil vigil;
    private CreatedMonitor monitor;

    /** Another store on the same database, as a second instance opens it (default: the same store object). */
    protected VigilStore sameDatabase() {
        return store;
    }

    @BeforeEach
    void startVigil() {
        clock = ManualClock.at("2025-06-01T10:00:00Z");
        vigil = vigil(store);
        monitor = vigil.monitors().create(PushMonitorSpec.named("nightly").expectedInterval(Duration.ofHours(1)));
    }

    @AfterEach
    void closeVigil() {
        vigil.close();
    }

    private Vigil vigil(VigilStore s) {
        return Vigil.builder().store(s).closeStoreOnClose(false).clock(clock).notifier(n -> { }).build();
    }

    private Supplier<Answer> push(Vigil v) {
        return () -> {
            v.monitors().push(monitor.id(), monitor.secret(), Payload.EMPTY);
            return OK;
        };
    }

    private long pushes() {
        return vigil.monitors().get(monitor.id()).orElseThrow().pushCount();
    }

    private static Idempotency.Outcome<Answer> run(Vigil v, String key, String hash, Supplier<Answer> action) {
        return v.idempotency().run("push " + "nightly", key, hash, action, a -> a);
    }

    @Test
    void aRetryGetsTheFirstAnswerAndChangesNothing() {
        assertThat(run(vigil, "k-1", "h", push(vigil))).isEqualTo(new Idempotency.Ran<>(OK));
        assertThat(run(vigil, "k-1", "h", push(vigil))).isEqualTo(new Idempotency.Replayed<>(OK));
        assertThat(pushes()).isOne();
        assertThat(run(vigil, "k-2", "h", push(vigil))).isEqualTo(new Idempotency.Ran<>(OK));
        assertThat(pushes()).isEqualTo(2);
        // keys of another scope never meet these
        assertThat(vigil.idempotency().run("other scope", "k-1", "h", push(vigil), a -> a)).isInstanceOf(
                Idempotency.Ran.class);
        assertThat(pushes()).isEqualTo(3);
    }

    @Test
    void badScopesAndKeysAreRefusedAndNothingRuns() {
        for (String key : new String[] {"", "x".repeat(256), "two words", "caf\u00e9"}) {
            assertThatThrownBy(() -> run(vigil, key, "h", push(vigil))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("1 to 255 visible ASCII characters");
        }
        assertThatThrownBy(() -> vigil.idempotency().run("", "k", "h", push(vigil), a -> a))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scope");
        assertThatThrownBy(() -> vigil.idempotency().run("s".repeat(1001), "k", "h", push(vigil), a -> a))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scope");
        assertThatThrownBy(() -> run(vigil, "outer", "h", () -> {
            run(vigil, "inner", "h", push(vigil));
            return OK;
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("do not nest");
        assertThat(pushes()).isZero();
        assertThat(run(vigil, "outer", "h", push(vigil))).as("the failed run left no key").isInstanceOf(
                Idempotency.Ran.class);
    }

    @Test
    void theSameKeyWithAnotherRequestIsRefused() {
        run(vigil, "k", "first body", push(vigil));
        assertThat(run(vigil, "k", "second body", push(vigil))).isInstanceOf(Idempotency.Mismatch.class);
        assertThat(pushes()).isOne();
    }

    @Test
    void aRequestThatChangedNothingIsRememberedUnlessTheServerFailed() {
        Answer refused = new Answer(400, "application/json", "{\"error\":\"bad\"}");
        assertThat(run(vigil, "k", "h", () -> refused)).isEqualTo(new Idempotency.Ran<>(refused));
        assertThat(run(vigil, "k", "h", push(vigil))).isEqualTo(new Idempotency.Replayed<>(refused));
        assertThat(pushes()).isZero();

        Answer failed = new Answer(503, "application/json", "{\"error\":\"store down\"}");
        assertThat(run(vigil, "k2", "h", () -> failed)).isEqualTo(new Idempotency.Ran<>(failed));
        assertThat(run(vigil, "k2", "h", push(vigil))).as("runs again").isEqualTo(new Idempotency.Ran<>(OK));
        assertThat(pushes()).isOne();
    }

    @Test
    void keysAreForgottenAfterTheRetention() {
        run(vigil, "k", "h", push(vigil));
        clock.advance(Idempotency.RETENTION.minusMinutes(1));
        assertThat(run(vigil, "k", "h", push(vigil))).isInstanceOf(Idempotency.Replayed.class);
        clock.advance(Duration.ofMinutes(2));
        assertThat(run(vigil, "k", "h", push(vigil))).isInstanceOf(Idempotency.Ran.class);
        assertThat(pushes()).isEqualTo(2);
    }

    @Test
    void racingRetriesOnTwoInstancesApplyTheChangeOnce() throws Exception {
        VigilStore other = sameDatabase();
        int retries = 8;
        try (Vigil second = vigil(other)) {
            ExecutorService pool = Executors.newFixedThreadPool(retries);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Idempotency.Outcome<Answer>>> outcomes = new ArrayList<>();
                for (int i = 0; i < retries; i++) {
                    Vigil v = i % 2 == 0 ? vigil : second;
                    outcomes.add(pool.submit(() -> {
                        go.await();
                        return run(v, "same-key", "h", push(v));
                    }));
                }
                go.countDown();
                int ran = 0;
                for (Future<Idempotency.Outcome<Answer>> f : outcomes) {
                    Idempotency.Outcome<Answer> o = f.get();
                    assertThat(o).isInstanceOfAny(Idempotency.Ran.class, Idempotency.Replayed.class,
                            Idempotency.InProgress.class);
                    ran += o instanceof Idempotency.Ran ? 1 : 0;
                }
                assertThat(ran).isOne();
                assertThat(pushes()).isOne();
                assertThat(run(second, "same-key", "h", push(second))).isEqualTo(new Idempotency.Replayed<>(OK));
            } finally {
                pool.shutdownNow();
            }
        } finally {
            if (other != store) {
                other.close();
            }
        }
    }
}
