package dev.vigil.store.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.spi.StoreUnavailableException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitterTest {
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** Records each transaction; the first one waits for {@code release}. Even numbers succeed. */
    private static final class Recorder implements GroupCommitter.Writer<Integer> {
        final List<List<Integer>> transactions = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch firstStarted = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean failGroups;
        volatile Predicate<Integer> failOne = i -> false;

        @Override
        public boolean[] writeAll(List<Integer> items) {
            transactions.add(List.copyOf(items));
            if (failGroups) {
                throw new IllegalStateException("deadlock, say");
            }
            boolean[] out = new boolean[items.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = items.get(i) % 2 == 0;
            }
            return out;
        }

        @Override
        public boolean writeOne(Integer item) {
            transactions.add(List.of(item));
            firstStarted.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            if (failOne.test(item)) {
                throw new IllegalArgumentException("bad " + item);
            }
            return item % 2 == 0;
        }
    }

    private static void awaitQueued(GroupCommitter<?> c, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (c.queued() < n) {
            assertThat(System.nanoTime()).as("%d writes queued in time", n).isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    @Test
    void writesArrivingDuringATransactionShareTheNextOneAndGetTheirOwnResults() throws Exception {
        Recorder w = new Recorder();
        try (GroupCommitter<Integer> c = new GroupCommitter<>("test", w, 100)) {
            Future<Boolean> first = pool.submit(() -> c.submit(0));
            w.firstStarted.await();
            List<Future<Boolean>> rest = new ArrayList<>();
            for (int i = 1; i <= 9; i++) {
                int item = i;
                rest.add(pool.submit(() -> c.submit(item)));
            }
            awaitQueued(c, 9);
            w.release.countDown();
            assertThat(first.get(30, TimeUnit.SECONDS)).isTrue();
            for (int i = 1; i <= 9; i++) {
                assertThat(rest.get(i - 1).get(30, TimeUnit.SECONDS)).as("item %d", i).isEqualTo(i % 2 == 0);
            }
            assertThat(w.transactions).hasSize(2);
            assertThat(w.transactions.get(1)).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9);
            assertThat(c.batches()).isEqualTo(2);
            assertThat(c.writes()).isEqualTo(10);
        }
    }

    @Test
    void aFailedGroupIsRetriedOneByOneSoEachCallerGetsItsOwnOutcome() throws Exception {
        Recorder w = new Recorder();
        w.failGroups = true;
        w.failOne = i -> i == 3;
        try (GroupCommitter<Integer> c = new GroupCommitter<>("test", w, 100)) {
            Future<Boolean> first = pool.submit(() -> c.submit(0));
            w.firstStarted.await();
            List<Future<Boolean>> rest = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                int item = i;
                rest.add(pool.submit(() -> c.submit(item)));
            }
            awaitQueued(c, 4);
            w.release.countDown();
            assertThat(first.get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(rest.get(0).get(30, TimeUnit.SECONDS)).isFalse();
            assertThat(rest.get(1).get(30, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> rest.get(2).get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(
                    IllegalArgumentException.class).hasMessageContaining("bad 3");
            assertThat(rest.get(3).get(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void anUnreachableDatabaseFailsTheWholeGroupWithoutRetries() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        GroupCommitter.Writer<Integer> down = new GroupCommitter.Writer<>() {
            @Override
            public boolean[] writeAll(List<Integer> items) {
                calls.add("all" + items.size());
                throw new StoreUnavailableException("database down");
            }

            @Override
            public boolean writeOne(Integer item) {
                calls.add("one");
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                throw new StoreUnavailableException("database down");
            }
        };
        try (GroupCommitter<Integer> c = new GroupCommitter<>("test", down, 100)) {
            Future<Boolean> first = pool.submit(() -> c.submit(0));
            started.await();
            Future<Boolean> a = pool.submit(() -> c.submit(1));
            Future<Boolean> b = pool.submit(() -> c.submit(2));
            awaitQueued(c, 2);
            release.countDown();
            for (Future<Boolean> f : List.of(first, a, b)) {
                assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(StoreUnavailableException.class);
            }
            assertThat(calls).containsExactly("one", "all2");
        }
    }

    @Test
    void withTwoWritersAGroupIsWrittenWhileAnotherTransactionStillCommits() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<List<Integer>> transactions = Collections.synchronizedList(new ArrayList<>());
        GroupCommitter.Writer<Integer> slowFirst = new GroupCommitter.Writer<>() {
            @Override
            public boolean[] writeAll(List<Integer> items) {
                transactions.add(List.copyOf(items));
                boolean[] out = new boolean[items.size()];
                java.util.Arrays.fill(out, true);
                return out;
            }

            @Override
            public boolean writeOne(Integer item) {
                transactions.add(List.of(item));
                if (item == 0) { // a commit that takes long to reach the disk
                    firstStarted.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
                return true;
            }
        };
        try (GroupCommitter<Integer> c = new GroupCommitter<>("test", slowFirst, 100, 2)) {
            Future<Boolean> first = pool.submit(() -> c.submit(0));
            firstStarted.await();
            List<Future<Boolean>> rest = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                int item = i;
                rest.add(pool.submit(() -> c.submit(item)));
            }
            for (Future<Boolean> f : rest) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isTrue(); // done while the first still waits
            }
            assertThat(first.isDone()).isFalse();
            release.countDown();
            assertThat(first.get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(c.writes()).isEqualTo(5);
            assertThat(transactions.stream().flatMap(List::stream)).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
        }
    }

    @Test
    void afterCloseWritesGoDirectly() {
        Recorder w = new Recorder();
        w.release.countDown();
        GroupCommitter<Integer> c = new GroupCommitter<>("test", w, 100);
        c.close();
        assertThat(c.submit(4)).isTrue();
        assertThat(c.batches()).isZero();
    }
}
