package dev.vigil.internal;

import dev.vigil.internal.PushMonitorLogic.Result;
import dev.vigil.kind.Outcome;
import dev.vigil.kind.Subject;
import dev.vigil.kind.Update.Proposal;
import dev.vigil.observe.InputEvent;
import dev.vigil.model.Signal;
import dev.vigil.model.SubjectRef;
import dev.vigil.model.Text;
import dev.vigil.model.Transition;
import dev.vigil.monitor.CreatedMonitor;
import dev.vigil.monitor.DuplicateMonitorNameException;
import dev.vigil.monitor.MonitorNotFoundException;
import dev.vigil.monitor.Payload;
import dev.vigil.monitor.PushMonitor;
import dev.vigil.monitor.PushMonitorSpec;
import dev.vigil.monitor.PushMonitors;
import dev.vigil.monitor.PushResult;
import dev.vigil.model.DuplicateNameException;
import dev.vigil.spi.StoredSubject;
import dev.vigil.spi.SubjectQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/** The push monitor API (seed 002) over the engine: every change goes through its one write path. */
public final class PushMonitorService implements PushMonitors {
    public static final int MIN_SECRET_LENGTH = 16;
    private static final int MAX_HISTORY = 1000;
    private static final PushMonitorKind KIND = PushMonitorKind.INSTANCE;

    private final Engine engine;
    private final Channels channels;
    private final SignalBus signals;

    public PushMonitorService(Engine engine, Channels channels, SignalBus signals) {
        this.engine = engine;
        this.channels = channels;
        this.signals = signals;
    }

    @Override
    public CreatedMonitor create(PushMonitorSpec spec) {
        return create(spec, Secrets.generate());
    }

    @Override
    public CreatedMonitor create(PushMonitorSpec spec, String secret) {
        checkSecret(secret);
        channels.requireKnown(spec.notifications());
        String hash = Secrets.hash(secret);
        // ids come from a sequence and are never reused, so the new key is free: no read before the insert
        String key = Long.toString(engine.store().nextId(PushMonitorKind.ID_SEQUENCE));
        try {
            Subject<PushMonitorSpec, MonitorState> created = engine.insertNew(KIND, key, spec,
                    now -> PushMonitorLogic.initial(spec, hash, now))
                    .orElseThrow(() -> new IllegalStateException("push monitor id " + key + " was taken"));
            return new CreatedMonitor(view(created), secret);
        } catch (DuplicateNameException e) {
            throw new DuplicateMonitorNameException(spec.name());
        }
    }

    @Override
    public PushMonitor update(long id, PushMonitorSpec spec) {
        channels.requireKnown(spec.notifications());
        return change(id, (current, now) -> {
            Result r = PushMonitorLogic.onSpecChange(current.spec(), spec, current.state(), now);
            return new Proposal<>(spec, PushMonitorKind.outcome(spec, r), Boolean.TRUE);
        });
    }

    @Override
    public boolean delete(long id) {
        return engine.store().subjects().delete(ref(id), engine.now());
    }

    @Override
    public Optional<PushMonitor> get(long id) {
        return engine.find(KIND, Long.toString(id)).map(PushMonitorService::view);
    }

    @Override
    public Optional<PushMonitor> findByName(String name) {
        return engine.store().subjects().findByName(KIND.name(), name).map(s -> view(engine.decode(KIND, s)));
    }

    @Override
    public List<PushMonitor> list() {
        List<PushMonitor> all = new ArrayList<>();
        SubjectQuery query = SubjectQuery.all(KIND.name(), SubjectQuery.MAX_LIMIT);
        while (true) {
            List<StoredSubject> page = engine.store().subjects().list(query);
            page.forEach(s -> all.add(view(engine.decode(KIND, s))));
            if (page.size() < query.limit()) {
                break;
            }
            query = query.after(page.get(page.size() - 1).key());
        }
        all.sort(Comparator.comparingLong(PushMonitor::id));
        return all;
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
        return change(id, (current, now) -> {
            PushMonitorSpec spec = current.spec().toBuilder().enabled(enabled).build();
            Result r = PushMonitorLogic.onSpecChange(current.spec(), spec, current.state(), now);
            return new Proposal<>(spec, PushMonitorKind.outcome(spec, r), Boolean.TRUE);
        });
    }

    @Override
    public String rotateSecret(long id) {
        String secret = Secrets.generate();
        setSecretHash(id, Secrets.hash(secret));
        return secret;
    }

    /** Replaces the secret with one the caller chose (config {@code secret_key}). */
    public void setSecret(long id, String secret) {
        checkSecret(secret);
        setSecretHash(id, Secrets.hash(secret));
    }

    private void setSecretHash(long id, String hash) {
        change(id, (current, now) -> new Proposal<>(current.spec(),
                Outcome.of(current.state().withSecretHash(hash)), Boolean.TRUE));
    }

    /** True when {@code secret} is the monitor's current secret. */
    public boolean secretMatches(long id, String secret) {
        return engine.find(KIND, Long.toString(id)).map(m -> Secrets.matches(secret, m.state().secretHash()))
                .orElse(false);
    }

    /** What an accepted push wrote, for the response and the signal. */
    private record Pushed(PushResult result, PushMonitorSpec spec) {
    }

    @Override
    public PushResult push(long id, String secret, Payload given) {
        return engine.listeners().input(InputEvent.Input.PUSH, PushMonitorKind.NAME, () -> doPush(id, secret, given),
                PushMonitorService::inputResult);
    }

    private static InputEvent.Result inputResult(PushResult r) {
        switch (r.outcome()) {
            case ACCEPTED:
                return InputEvent.Result.ACCEPTED;
            case MONITOR_NOT_FOUND:
                return InputEvent.Result.NOT_FOUND;
            case INVALID_SECRET:
                return InputEvent.Result.INVALID_SECRET;
            default:
                return InputEvent.Result.PAYLOAD_REQUIRED;
        }
    }

    private PushResult doPush(long id, String secret, Payload given) {
        List<String> replaced = new ArrayList<>(0);
        Payload payload = storable(given, replaced);
        PushResult[] rejected = new PushResult[1];
        Optional<Pushed> pushed = engine.update(KIND, Long.toString(id), (current, now) -> {
            if (current == null) {
                rejected[0] = PushResult.rejected(PushResult.Outcome.MONITOR_NOT_FOUND, id);
                return null;
            }
            if (!Secrets.matches(secret, current.state().secretHash())) {
                rejected[0] = PushResult.rejected(PushResult.Outcome.INVALID_SECRET, id);
                return null;
            }
            PushMonitorSpec spec = current.spec();
            if (spec.requirePayload() && payload.isEmpty()) {
                rejected[0] = PushResult.rejected(PushResult.Outcome.PAYLOAD_REQUIRED, id);
                return null;
            }
            Result r = PushMonitorLogic.onPush(spec, current.state(), payload.status(), payload.message(), now);
            List<String> warnings = r.warnings();
            if (!replaced.isEmpty()) {
                warnings = new ArrayList<>(warnings);
                warnings.addAll(replaced);
            }
            PushResult accepted = PushResult.accepted(id, now, r.state().expectedBy(), r.state().status(), warnings);
            return new Proposal<>(spec, PushMonitorKind.outcome(spec, r), new Pushed(accepted, spec));
        });
        if (pushed.isEmpty()) {
            return rejected[0];
        }
        signals.publish(() -> signal(id, pushed.get(), payload));
        return pushed.get().result();
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

    private static Signal signal(long id, Pushed p, Payload payload) {
        Map<String, String> fields = new HashMap<>(payload.fields());
        PushMonitorSpec spec = p.spec();
        fields.put("connector", "vigil");
        fields.put("connector_name", "push");
        fields.put("component", spec.group() != null ? spec.group() : "push_monitors");
        fields.put("resource", spec.name());
        fields.put("monitor_id", Long.toString(id));
        fields.put("monitor_name", spec.name());
        if (spec.group() != null) {
            fields.put("group", spec.group());
        }
        if (payload.status() != null) {
            fields.put("status", payload.status());
        }
        if (payload.message() != null) {
            fields.put("message", payload.message());
        }
        return new Signal(Signal.PUSH, Objects.requireNonNull(p.result().receivedAt()), fields);
    }

    @Override
    public List<Transition> history(long id, int limit) {
        if (limit < 1 || limit > MAX_HISTORY) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_HISTORY + ", got " + limit);
        }
        if (engine.store().subjects().find(ref(id)).isEmpty()) {
            throw new MonitorNotFoundException(id);
        }
        return engine.store().transitions().recent(ref(id), limit);
    }

    private PushMonitor change(long id,
            BiFunction<Subject<PushMonitorSpec, MonitorState>, Instant, Proposal<PushMonitorSpec, MonitorState,
                    Boolean>> mutation) {
        try {
            engine.update(KIND, Long.toString(id), (current, now) -> {
                if (current == null) {
                    throw new MonitorNotFoundException(id);
                }
                return mutation.apply(current, now);
            });
        } catch (DuplicateNameException e) {
            throw new DuplicateMonitorNameException(e.name());
        }
        return get(id).orElseThrow(() -> new MonitorNotFoundException(id));
    }

    private static SubjectRef ref(long id) {
        return new SubjectRef(PushMonitorKind.NAME, Long.toString(id));
    }

    private static void checkSecret(String secret) {
        if (secret.length() < MIN_SECRET_LENGTH || secret.length() > Secrets.MAX_SECRET_LENGTH
                || !Text.isPrintable(secret) || secret.contains("/")) {
            throw new IllegalArgumentException("secret_key must be " + MIN_SECRET_LENGTH + " to "
                    + Secrets.MAX_SECRET_LENGTH + " printable characters without '/'");
        }
    }

    static PushMonitor view(Subject<PushMonitorSpec, MonitorState> m) {
        MonitorState s = m.state();
        return new PushMonitor(Long.parseLong(m.key()), m.spec(), s.status(), s.lastPushAt(), s.expectedBy(),
                s.lastPushStatus(), s.lastPushMessage(), s.runningSince(), s.pushCount(), s.statusSince(),
                m.createdAt());
    }
}
