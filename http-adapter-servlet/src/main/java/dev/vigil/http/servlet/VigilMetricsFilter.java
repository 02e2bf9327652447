package dev.vigil.http.servlet;

import dev.vigil.Vigil;
import dev.vigil.task.Metric;
import dev.vigil.task.MetricSample;
import dev.vigil.task.TaskSpec;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds a host webapp's own {@code http_requests} and {@code http_5xx} counts to Vigil, for a 5xx task on the app
 * itself: every request is counted in memory ({@link LongAdder}s, no store write per request), and once a minute of
 * Vigil's clock has passed the counts of the finished minute are recorded with {@code vigil.apps().record(...)}, one
 * call for both metrics, stamped with that minute. The flush runs on the first request after the minute turns (and
 * on {@link #flush()} and {@link #destroy()}); a request that throws counts as a 5xx. Asynchronous requests are
 * counted when {@code doFilter} returns, i.e. with the status known then.
 *
 * <pre>{@code
 * context.addFilter(new FilterHolder(new VigilMetricsFilter(vigil, "billing-prod")), "/*", null);
 * vigil.tasks().create(TaskSpec.fiveXx("billing-prod", Tolerance.MEDIUM).slack("#ops").build());
 * }</pre>
 */
public final class VigilMetricsFilter implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger(VigilMetricsFilter.class);
    private static final long MINUTE = 60_000;

    private final Vigil vigil;
    private final String app;
    private final String dyno;
    private final LongAdder requests = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final AtomicLong minute;

    /** Counts as dyno {@code web}. */
    public VigilMetricsFilter(Vigil vigil, String app) {
        this(vigil, app, "web");
    }

    /** @param dyno the dyno the counts are recorded for, e.g. {@code web.1} for this instance */
    public VigilMetricsFilter(Vigil vigil, String app, String dyno) {
        this.vigil = vigil;
        this.app = TaskSpec.requireApp(app);
        MetricSample.of(Metric.HTTP_REQUESTS, 0, dyno); // validates the dyno name now
        this.dyno = dyno;
        this.minute = new AtomicLong(Math.floorDiv(vigil.clock().millis(), MINUTE));
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException,
            ServletException {
        flushIfMinuteTurned();
        boolean failed = true;
        try {
            chain.doFilter(req, res);
            failed = res instanceof HttpServletResponse h && h.getStatus() >= 500;
        } finally {
            requests.increment();
            if (failed) {
                errors.increment();
            }
        }
    }

    private void flushIfMinuteTurned() {
        long now = Math.floorDiv(vigil.clock().millis(), MINUTE);
        long counted = minute.get();
        if (now > counted && minute.compareAndSet(counted, now)) {
            record(counted);
        }
    }

    /** Records what was counted so far now, stamped with the current minute (e.g. before a test asserts). */
    public void flush() {
        record(Math.floorDiv(vigil.clock().millis(), MINUTE));
    }

    private void record(long ofMinute) {
        long r = requests.sumThenReset();
        long e = errors.sumThenReset();
        if (r == 0 && e == 0) {
            return;
        }
        // counts left over from long ago (no request for a day) are stamped as recent as Vigil still accepts
        long oldest = vigil.clock().millis() - dev.vigil.task.Apps.MAX_AGE.toMillis() + MINUTE;
        Instant at = Instant.ofEpochMilli(Math.max(ofMinute * MINUTE, oldest));
        List<MetricSample> samples = new ArrayList<>(2);
        samples.add(new MetricSample(Metric.HTTP_REQUESTS, r, dyno, at));
        samples.add(new MetricSample(Metric.HTTP_5XX, e, dyno, at));
        try {
            vigil.apps().record(app, samples);
        } catch (RuntimeException ex) { // a monitoring failure must never fail the host's requests
            LOG.warn("Could not record {} requests and {} 5xx responses of {}: {}", r, e, app, ex.toString());
        }
    }

    @Override
    public void destroy() {
        flush();
    }
}
