package dev.vigil.internal;

import dev.vigil.internal.PushMonitorLogic.Change;
import dev.vigil.internal.PushMonitorLogic.Result;
import dev.vigil.Signal;
import dev.vigil.monitor.AlertOn;
import dev.vigil.monitor.CreatedMonitor;
import dev.vigil.monitor.MonitorNotFoundException;
import dev.vigil.monitor.MonitorStatus;
import dev.vigil.monitor.Payload;
import dev.vigil.monitor.PushMonitor;
import dev.vigil.monitor.PushMonitorSpec;
import dev.vigil.monitor.PushMonitors;
import dev.vigil.monitor.PushResult;
import dev.vigil.notify.SubjectKind;
import dev.vigil.notify.Transition;
import dev.vigil.spi.MonitorState;
import dev.vigil.spi.OutboxEntry;
import dev.vigil.spi.StoredMonitor;
import dev.vigil.spi.VigilStore;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The push monitor API over a store: every change is a compare-and-set, retried on conflict. */
public final class PushMonitorService implements PushMonitors {
    private static final Logger LOG = LoggerFactory.getLogger(PushMonitorService.class);
    public static final int MIN_SECRET_LENGTH = 16;
    private static final int MAX_HISTORY = 1000;

    private final VigilStore store;
    private final InstantSource clock;
    private final Channels channels;
    private final NotificationPolicy policy;
    private final Wakeup evaluatorWakeup;
    private final Wakeup dispatcherWakeup;
    private final List<Consumer<Signal>> signalListeners;

    public PushMonitorService(VigilStore store, InstantSource clock, Channels channels, NotificationPolicy policy,
            Wakeup evaluatorWakeup, Wakeup dispatcherWakeup, List<Consumer<Signal>> signalListeners) {
        this.signalListeners = List.copyOf(signalListeners);
        this.store = store;
        this.clock = clock;
        this.channels = channels;
        this.policy = policy;
        this.evaluatorWakeup = evaluatorWakeup;
        this.dispatcherWakeup = dispatcherWakeup;
    }

    /** Something that wants to know when work becomes due earlier than it planned. */
    public interface Wakeup {
        void dueAt(Instant at);
    }

    @Override
    public CreatedMonitor create(PushMonitorSpec spec) {
        return create(spec, Secrets.generate());
    }

    @Override
    public CreatedMonitor create(PushMonitorSpec spec, String secret) {
        checkSecret(secret);
        channels.requireKnown(spec.notifications());
        Instant now = now();
        StoredMonitor stored = store.monitors().insert(spec, Secrets.hash(secret),
                PushMonitorLogic.initial(spec, now), now);
        return new CreatedMonitor(view(stored), secret);
    }

    @Override
    public PushMonitor update(long id, PushMonitorSpec spec) {
        channels.requireKnown(spec.notifications());
        return view(change(id, current -> {
            Result r = PushMonitorLogic.onSpecChange(current.spec(), spec, current.state(), now());
            return new Pending(current.withSpecAndState(spec, r.state()), r.changes());
        }));
    }

    @Override
    public boolean delete(long id) {
        return store.monitors().delete(id);
    }

    @Override
    public Optional<PushMonitor> get(long id) {
        return store.monitors().find(id).map(PushMonitorService::view);
    }

    @Override
    public Optional<PushMonitor> findByName(String name) {
        return store.monitors().findByName(name).map(PushMonitorService::view);
    }

    @Override
    public List<PushMonitor> list() {
        return store.monitors().list().stream().map(PushMonitorService::view).toList();
    }

    @Override
    public PushMonitor pause(long id) {
        return setEnabled(id, false);
    }

    @Override
    public PushMonitor resume(long id) {
        return setEnabled(id, true);
    }

    private PushMonitor setEnabled(long id, boolean enabled) {
        return view(change(id, current -> {
            PushMonitorSpec spec = current.spec().toBuilder().enabled(enabled).build();
            Result r = PushMonitorLogic.onSpecChange(current.spec(), spec, current.state(), now());
            return new Pending(current.withSpecAndState(spec, r.state()), r.changes());
        }));
    }

    @Override
    public String rotateSecret(long id) {
        String secret = Secrets.generate();
        String hash = Secrets.hash(secret);
        change(id, current -> new Pending(current.withSecretHash(hash), List.of()));
        return secret;
    }

    /** Replaces the secret with one the caller chose (config {@code secret_key}). */
    public void setSecret(long id, String secret) {
        checkSecret(secret);
        String hash = Secrets.hash(secret);
        change(id, current -> new Pending(current.withSecretHash(hash), List.of()));
    }

    /** True when {@code secret} is the monitor's current secret. */
    public boolean secretMatches(long id, String secret) {
        return store.monitors().find(id).map(m -> Secrets.matches(secret, m.secretHash())).orElse(false);
    }

    @Override
    public PushResult push(long id, String secret, Payload payload) {
        List<String> replaced = new ArrayList<>(0);
        payload = storable(payload, replaced);
        while (true) {
            Optional<StoredMonitor> found = store.monitors().find(id);
            if (found.isEmpty()) {
                return PushResult.rejected(PushResult.Outcome.MONITOR_NOT_FOUND, id);
            }
            StoredMonitor current = found.get();
            if (!Secrets.matches(secret, current.secretHash())) {
                return PushResult.rejected(PushResult.Outcome.INVALID_SECRET, id);
            }
            if (current.spec().requirePayload() && payload.isEmpty()) {
                return PushResult.rejected(PushResult.Outcome.PAYLOAD_REQUIRED, id);
            }
            Instant now = now();
            Result r = PushMonitorLogic.onPush(current.spec(), current.state(), payload.status(), payload.message(),
                    now);
            if (write(current.withState(r.state()), r.changes(), now)) {
                if (!signalListeners.isEmpty()) {
                    publish(current, payload, now);
                }
                List<String> warnings = r.warnings();
                if (!replaced.isEmpty()) {
                    warnings = new ArrayList<>(warnings);
                    warnings.addAll(replaced);
                }
                return PushResult.accepted(id, now, r.state().expectedBy(), r.state().status(), warnings);
            }
        }
    }

    /**
     * The payload with status and message as every store keeps them (NUL and broken UTF-16 become U+FFFD, see
     * {@link Text#storable}); a warning per field that changed goes to {@code warnings}.
     */
    static Payload storable(Payload payload, List<String> warnings) {
        String status = Text.storable(payload.status());
        String message = Text.storable(payload.message());
        if (status == payload.status() && message == payload.message()) {
            return payload;
        }
        if (status != payload.status()) {
            warnings.add(Text.replacedWarning("status"));
        }
        if (message != payload.message()) {
            warnings.add(Text.replacedWarning("message"));
        }
        return new Payload(status, message, payload.fields());
    }

    private void publish(StoredMonitor m, Payload payload, Instant now) {
        Map<String, String> fields = new LinkedHashMap<>(payload.fields());
        fields.put("monitor_id", Long.toString(m.id()));
        fields.put("monitor_name", m.spec().name());
        if (payload.status() != null) {
            fields.put("status", payload.status());
        }
        if (payload.message() != null) {
            fields.put("message", payload.message());
        }
        Signal signal = new Signal(Signal.Source.PUSH, now, fields);
        for (Consumer<Signal> listener : signalListeners) {
            try {
                listener.accept(signal);
            } catch (RuntimeException e) { // a listener's bug must not fail a push that is already recorded
                LOG.warn("A signal listener failed", e);
            }
        }
    }

    @Override
    public List<Transition> history(long id, int limit) {
        if (limit < 1 || limit > MAX_HISTORY) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_HISTORY + ", got " + limit);
        }
        if (store.monitors().find(id).isEmpty()) {
            throw new MonitorNotFoundException(id);
        }
        return store.transitions().recent(SubjectKind.PUSH_MONITOR, id, limit);
    }

    /**
     * Evaluates one claimed monitor at {@code now}, retrying on conflict while it is still due. Returns the number
     * of transitions written.
     */
    public int evaluate(StoredMonitor claimed, Instant now) {
        StoredMonitor current = claimed;
        while (true) {
            Instant due = current.state().nextDueAt();
            if (due == null || due.isAfter(now)) {
                return 0; // a push or an edit got there first
            }
            Result r = PushMonitorLogic.onDue(current.spec(), current.state(), now);
            if (write(current.withState(r.state()), r.changes(), now)) {
                return r.changes().size();
            }
            Optional<StoredMonitor> reloaded = store.monitors().find(current.id());
            if (reloaded.isEmpty()) {
                return 0;
            }
            current = reloaded.get();
        }
    }

    private record Pending(StoredMonitor next, List<Change> changes) {
    }

    private StoredMonitor change(long id, Function<StoredMonitor, Pending> mutation) {
        while (true) {
            StoredMonitor current = store.monitors().find(id).orElseThrow(() -> new MonitorNotFoundException(id));
            Pending p = mutation.apply(current);
            if (write(p.next(), p.changes(), now())) {
                return p.next();
            }
        }
    }

    /** One compare-and-set carrying the new state, its transitions and their outbox entries. */
    private boolean write(StoredMonitor next, List<Change> changes, Instant now) {
        List<Transition> transitions = List.of();
        List<OutboxEntry> outbox = List.of();
        if (!changes.isEmpty()) {
            transitions = new ArrayList<>(changes.size());
            outbox = new ArrayList<>();
            for (Change c : changes) {
                PushMonitorSpec spec = next.spec();
                String notAlert = notAnAlert(spec, c);
                NotificationPolicy.Verdict v = notAlert != null ? NotificationPolicy.Verdict.notRouted(notAlert)
                        : policy.decide(SubjectKind.PUSH_MONITOR, next.id(), NotificationPolicy.labels(
                                SubjectKind.PUSH_MONITOR, next.id(), spec.name(), spec.group(), c.from().name(),
                                c.to().name()), spec.notifications(), c.from() == c.to(), now);
                Transition t = new Transition(Ids.newId(), SubjectKind.PUSH_MONITOR, next.id(), spec.name(), c.from(),
                        c.to(), now, c.reason(), v.decision(), v.detail());
                transitions.add(t);
                for (String channel : v.channels()) {
                    outbox.add(OutboxEntry.pending(Ids.newId(), channel, t));
                }
            }
        }
        if (!store.monitors().compareAndSet(next, transitions, outbox)) {
            return false;
        }
        Instant due = next.state().nextDueAt();
        if (due != null) {
            evaluatorWakeup.dueAt(due);
        }
        if (!outbox.isEmpty()) {
            dispatcherWakeup.dueAt(now);
        }
        return true;
    }

    /** Why a change is not an alert for this monitor, or null when it is one (DOWN, or recovery from DOWN). */
    static @Nullable String notAnAlert(PushMonitorSpec spec, Change c) {
        if (c.to() == MonitorStatus.DOWN) {
            return spec.alertOn().contains(AlertOn.DOWN) ? null : "alert_on does not include down";
        }
        if (c.to() == MonitorStatus.UP && c.from() == MonitorStatus.DOWN) {
            return spec.alertOn().contains(AlertOn.UP) ? null : "alert_on does not include up";
        }
        if (c.from() == MonitorStatus.NO_PUSH_YET) {
            return "a first push is not an alert";
        }
        return "pause and resume are not alerts";
    }

    private Instant now() {
        // Millisecond precision everywhere, so every store keeps exactly what the memory store keeps.
        return Instant.ofEpochMilli(clock.millis());
    }

    private static void checkSecret(String secret) {
        if (secret.length() < MIN_SECRET_LENGTH || secret.length() > Secrets.MAX_SECRET_LENGTH
                || !Text.isPrintable(secret) || secret.contains("/")) {
            throw new IllegalArgumentException("secret_key must be " + MIN_SECRET_LENGTH + " to "
                    + Secrets.MAX_SECRET_LENGTH + " printable characters without '/'");
        }
    }

    static PushMonitor view(StoredMonitor m) {
        MonitorState s = m.state();
        return new PushMonitor(m.id(), m.spec(), s.status(), s.lastPushAt(), s.expectedBy(), s.lastPushStatus(),
                s.lastPushMessage(), s.runningSince(), s.pushCount(), s.statusSince(), m.createdAt());
    }
}
