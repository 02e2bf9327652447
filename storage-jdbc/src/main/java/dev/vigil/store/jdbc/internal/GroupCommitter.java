package dev.vigil.store.jdbc.internal;

import dev.vigil.spi.StoreUnavailableException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: writes submitted by many threads share transactions. A writer thread takes everything queued
 * (up to {@code maxBatch}) and writes it in a single transaction; each caller blocks until that transaction has
 * committed and gets its own result, so an acknowledged write is durable. There is no artificial delay: a lone
 * write goes at once, and writes arriving while a transaction runs form the next batch. With several writer threads,
 * that next batch need not wait for the running transaction's commit (its flush to disk, mostly): the database then
 * flushes both commits together.
 *
 * <p>If a batch fails as a whole (a constraint hit by one of its writes, a deadlock), it is rolled back and each
 * write is retried in a transaction of its own, so every caller gets exactly its own outcome. An unreachable
 * database fails the whole batch.
 */
public final class GroupCommitter<T> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);

    /** Writes items; implementations run one transaction per call. */
    public interface Writer<T> {
        /** Writes all items in one transaction, returning each one's result in order; throws to roll back all. */
        boolean[] writeAll(List<T> items);

        /** Writes one item in a transaction of its own. */
        boolean writeOne(T item);
    }

    private static final class Request<T> {
        final T item;
        boolean done;
        boolean result;
        @Nullable RuntimeException error;

        Request(T item) {
            this.item = item;
        }
    }

    private final String name;
    private final Writer<T> writer;
    private final int maxBatch;
    private final int writers;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition finished = lock.newCondition();
    private final ArrayDeque<Request<T>> queue = new ArrayDeque<>();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private boolean closed;

    /** A group committer with one writer thread: one transaction at a time. */
    public GroupCommitter(String name, Writer<T> writer, int maxBatch) {
        this(name, writer, maxBatch, 1);
    }

    /** A group committer with up to {@code writers} transactions at a time, each on its own thread. */
    public GroupCommitter(String name, Writer<T> writer, int maxBatch, int writers) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be positive");
        }
        if (writers < 1) {
            throw new IllegalArgumentException("writers must be positive");
        }
        this.name = name;
        this.writer = writer;
        this.maxBatch = maxBatch;
        this.writers = writers;
    }

    /** Writes {@code item} in the next group transaction and returns its result once that has committed. */
    public boolean submit(T item) {
        Request<T> r = new Request<>(item);
        lock.lock();
        try {
            if (closed) {
                // after close: no writer thread any more, write directly
                lock.unlock();
                try {
                    return writer.writeOne(item);
                } finally {
                    lock.lock();
                }
            }
            while (threads.size() < writers) {
                Thread t = new Thread(this::run, name + "-" + (threads.size() + 1));
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
            queue.add(r);
            work.signal();
            boolean interrupted = false;
            while (!r.done) {
                // the write cannot be called back once queued: wait for its outcome whatever happens
                try {
                    finished.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        } finally {
            lock.unlock();
        }
        if (r.error != null) {
            throw r.error;
        }
        return r.result;
    }

    private void run() {
        try {
            loop();
        } finally {
            lock.lock();
            try {
                threads.remove(Thread.currentThread()); // if this thread died, the next submit starts another
            } finally {
                lock.unlock();
            }
        }
    }

    private void loop() {
        while (true) {
            List<Request<T>> batch = new ArrayList<>();
            lock.lock();
            try {
                while (queue.isEmpty() && !closed) {
                    work.awaitUninterruptibly();
                }
                if (queue.isEmpty()) {
                    return; // closed and drained
                }
                while (!queue.isEmpty() && batch.size() < maxBatch) {
                    batch.add(queue.poll());
                }
                if (!queue.isEmpty()) {
                    work.signal(); // more than one batch waits: another writer may take the rest
                }
            } finally {
                lock.unlock();
            }
            write(batch);
            lock.lock();
            try {
                finished.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private void write(List<Request<T>> batch) {
        batches.incrementAndGet();
        writes.addAndGet(batch.size());
        List<T> items = new ArrayList<>(batch.size());
        for (Request<T> r : batch) {
            items.add(r.item);
        }
        try {
            boolean[] results = batch.size() == 1 ? new boolean[] {writer.writeOne(items.get(0))}
                    : writer.writeAll(items);
            for (int i = 0; i < batch.size(); i++) {
                complete(batch.get(i), results[i], null);
            }
            return;
        } catch (StoreUnavailableException e) {
            for (Request<T> r : batch) {
                complete(r, false, e);
            }
            return;
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                complete(batch.get(0), false, e);
                return;
            }
            LOG.debug("{}: group of {} failed ({}); writing each on its own", name, batch.size(), e.toString());
        } catch (Error e) {
            for (Request<T> r : batch) {
                complete(r, false, new IllegalStateException("group commit failed: " + e, e));
            }
            throw e;
        }
        for (Request<T> r : batch) {
            try {
                complete(r, writer.writeOne(r.item), null);
            } catch (RuntimeException e) {
                complete(r, false, e);
            }
        }
    }

    private void complete(Request<T> r, boolean result, @Nullable RuntimeException error) {
        lock.lock();
        try {
            r.result = result;
            r.error = error;
            r.done = true;
        } finally {
            lock.unlock();
        }
    }

    /** Writes waiting for the next transaction. */
    public int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Transactions written so far (for tests and diagnostics). */
    public long batches() {
        return batches.get();
    }

    /** Writes done so far; {@code writes() / batches()} is the average group size. */
    public long writes() {
        return writes.get();
    }

    /** Finishes what is queued, then stops the writer threads; later submits write directly. */
    @Override
    public void close() {
        List<Thread> running;
        lock.lock();
        try {
            closed = true;
            work.signalAll();
            running = List.copyOf(threads);
        } finally {
            lock.unlock();
        }
        for (Thread t : running) {
            if (t == Thread.currentThread()) {
                continue;
            }
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
