package dev.vigil.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.entity.EntitySelector;
import dev.vigil.entity.EntityTag;
import dev.vigil.entity.SelectorSyntaxException;
import dev.vigil.event.Event;
import dev.vigil.event.EventIngest;
import dev.vigil.event.EventType;
import dev.vigil.event.Events;
import dev.vigil.event.IngestResult;
import dev.vigil.event.InvalidEventException;
import dev.vigil.event.Problem;
import dev.vigil.kind.Subject;
import dev.vigil.kind.Update;
import dev.vigil.model.Signal;
import dev.vigil.model.SubjectRef;
import dev.vigil.spi.AppendedRecord;
import dev.vigil.spi.RecordQuery;
import dev.vigil.spi.StoredSubject;
import dev.vigil.spi.SubjectQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * {@link Events} over the engine: ingested events are records of the stream {@code event} in the append-only area
 * (key: entity id, tag: event type), pruned past the retention; problems are subjects of {@link ProblemKind}.
 */
public final class EventService implements Events {
    public static final String STREAM = "event";
    static final Duration ACTIVE = Duration.ofHours(24);
    static final int DEFAULT_TIMEOUT = 15;
    static final int MAX_TIMEOUT = 360;
    static final int MAX_PROPERTIES = 100;
    static final int MAX_KEY = 100;
    static final int MAX_VALUE = 4096;
    static final int MAX_LABEL_VALUE = 200;
    static final Duration PRUNE_EVERY = Duration.ofHours(1);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> RESERVED_BOOLEANS = Set.of("dt.event.allow_davis_merge",
            "dt.event.is_rootcause_relevant", "dt.event.allow_frequent_issue_detection");

    private final Engine engine;
    private final EntityRegistry entities;
    private final SignalBus signals;
    private final Duration retention;
    private volatile Instant nextPrune = Instant.EPOCH;

    public EventService(Engine engine, EntityRegistry entities, SignalBus signals, Duration retention) {
        this.engine = engine;
        this.entities = entities;
        this.signals = signals;
        this.retention = retention;
    }

    @Override
    public Duration retention() {
        return retention;
    }

    // ---- ingest ----

    @Override
    public IngestResult ingest(EventIngest in) {
        Instant now = engine.now();
        List<IndexedEntity> targets = List.of();
        if (in.entitySelector() != null) {
            targets = entities.matches(parseSelector("entitySelector", in.entitySelector()), now.minus(ACTIVE));
        }
        if (targets.isEmpty()) {
            targets = List.of(entities.index().get(entities.environmentId()) != null
                    ? entities.index().get(entities.environmentId()) : environmentAfterRefresh());
        }
        EventType type = in.eventType();
        long start = in.startTime() != null ? in.startTime() : now.toEpochMilli();
        int timeout = Math.min(in.timeout() != null ? in.timeout() : DEFAULT_TIMEOUT, MAX_TIMEOUT);
        long end = in.endTime() != null ? in.endTime() : start + timeout * 60_000L;
        IngestResult.Status common = timestamps(type, start, end, now);
        if (common == IngestResult.Status.OK && !metadataValid(in.properties())) {
            common = IngestResult.Status.INVALID_METADATA;
        }
        boolean merge = mergeAllowed(in.properties());
        List<IngestResult.Report> reports = new ArrayList<>(targets.size());
        List<AppendedRecord> records = new ArrayList<>();
        List<Event> accepted = new ArrayList<>();
        for (IndexedEntity e : targets) {
            String correlationId = hex16();
            IngestResult.Status status = common;
            if (status == IngestResult.Status.OK && !type.appliesTo(e.type())) {
                status = IngestResult.Status.INVALID_ENTITY_TYPE;
            }
            if (status != IngestResult.Status.OK) {
                reports.add(new IngestResult.Report(correlationId, status, null, e.id()));
                continue;
            }
            // the same id when a request with an Idempotency-Key is retried, so the event is stored once
            long n = IdempotencyKeys.stableNumber("event " + e.id()).orElseGet(() -> ThreadLocalRandom.current().nextLong());
            String eventId = Long.toUnsignedString(n >>> 1) + "_" + start;
            List<String> tags = e.tags().stream().map(EntityTag::stringRepresentation).toList();
            String problemId = type.opensProblem()
                    ? openOrExtend(e, type, in.title(), in.properties(), merge, eventId, start, end, now) : null;
            Event ev = new Event(eventId, correlationId, type, in.title(), Instant.ofEpochMilli(start),
                    Instant.ofEpochMilli(end), e.id(), e.type(), e.name(), in.properties(), tags, problemId);
            records.add(new AppendedRecord(STREAM, eventId, e.id(), ev.start(), type.name(), encode(ev)));
            accepted.add(ev);
            reports.add(new IngestResult.Report(correlationId, status, eventId, e.id()));
        }
        if (!records.isEmpty()) {
            engine.store().records().append(records);
        }
        for (Event ev : accepted) {
            signals.publish(() -> signal(ev, now));
        }
        maybePrune(now);
        return new IngestResult(reports.size(), reports);
    }

    private IndexedEntity environmentAfterRefresh() {
        entities.refresh();
        return java.util.Objects.requireNonNull(entities.index().get(entities.environmentId()));
    }

    static IngestResult.Status timestamps(EventType type, long start, long end, Instant now) {
        Duration past = type.opensProblem() ? Duration.ofHours(6) : Duration.ofDays(30);
        Duration future = type.opensProblem() ? Duration.ofMinutes(5) : Duration.ofDays(7);
        if (end < start || start < now.minus(past).toEpochMilli() || start > now.plus(future).toEpochMilli()) {
            return IngestResult.Status.INVALID_TIMESTAMPS;
        }
        return IngestResult.Status.OK;
    }

    static boolean metadataValid(Map<String, String> props) {
        if (props.size() > MAX_PROPERTIES) {
            return false;
        }
        for (Map.Entry<String, String> p : props.entrySet()) {
            String k = p.getKey();
            if (k.isEmpty() || k.length() > MAX_KEY || p.getValue().length() > MAX_VALUE) {
                return false;
            }
            if (k.startsWith("dt.") && !(k.startsWith("dt.event.") || k.startsWith("dt.davis.")
                    || k.startsWith("dt.entity."))) {
                return false;
            }
            if (RESERVED_BOOLEANS.contains(k) && !p.getValue().equals("true") && !p.getValue().equals("false")) {
                return false;
            }
        }
        return true;
    }

    /** {@code dt.event.allow_davis_merge} or the seed's {@code allowDavisMerge}: merging unless "false". */
    static boolean mergeAllowed(Map<String, String> props) {
        String v = props.get("dt.event.allow_davis_merge");
        if (v == null) {
            v = props.get("allowDavisMerge");
        }
        return v == null || !v.strip().equalsIgnoreCase("false");
    }

    /** Opens a problem on the entity, or extends its open one of the same type and title; returns its id. */
    private String openOrExtend(IndexedEntity e, EventType type, String title, Map<String, String> props,
            boolean merge, String eventId, long start, long end, Instant now) {
        ProblemKind.Evidence evidence = new ProblemKind.Evidence(eventId, start, end);
        String mergeKey = merge ? mergeKey(e.id(), type, title) : null;
        if (mergeKey != null) {
            List<StoredSubject> open = engine.store().subjects().list(new SubjectQuery(ProblemKind.NAME,
                    Map.of(ProblemKind.MERGE_LABEL, Set.of(mergeKey)), Map.of(), Set.of(ProblemKind.OPEN), null, 10));
            for (StoredSubject s : open) {
                Optional<String> extended = engine.update(ProblemKind.INSTANCE, s.key(),
                        (Subject<ProblemKind.Spec, ProblemKind.State> cur, Instant t) -> {
                            if (cur == null || !cur.state().status().equals(ProblemKind.OPEN)
                                    || cur.state().endMs() <= t.toEpochMilli()) {
                                return null; // closed meanwhile, or past its end and about to close
                            }
                            return new Update.Proposal<>(cur.spec(), dev.vigil.kind.Outcome.of(
                                    cur.state().extendedBy(evidence)), cur.key());
                        });
                if (extended.isPresent()) {
                    return extended.get();
                }
            }
        }
        String problemId = Long.toString(ThreadLocalRandom.current().nextLong() >>> 1) + "_" + start + "V2";
        String displayId = "P-" + engine.store().nextId(ProblemKind.NAME);
        Map<String, String> labels = new TreeMap<>();
        for (EntityTag t : e.tags()) {
            labels.put("tag." + cut(t.key()), t.value() == null ? "true" : cut(t.value()));
        }
        for (Map.Entry<String, String> p : props.entrySet()) {
            labels.put("property." + p.getKey(), cut(p.getValue()));
        }
        String severity = type == EventType.CUSTOM_ALERT ? "CUSTOM_ALERT" : type.severityLevel();
        ProblemKind.Spec spec = new ProblemKind.Spec(displayId, e.id(), e.type(), e.name(), type.name(), title,
                severity, mergeKey, labels);
        return engine.update(ProblemKind.INSTANCE, problemId, (Subject<ProblemKind.Spec, ProblemKind.State> cur,
                Instant t) -> cur != null ? null
                        : new Update.Proposal<>(spec, ProblemKind.open(spec, evidence), problemId))
                .orElse(problemId);
    }

    private static String cut(String s) {
        return s.length() > MAX_LABEL_VALUE ? s.substring(0, MAX_LABEL_VALUE) : s;
    }

    static String mergeKey(String entityId, EventType type, String title) {
        return HexFormat.of().formatHex(Secrets.sha256(entityId + "\u0000" + type.name() + "\u0000" + title), 0, 16);
    }

    private static String hex16() {
        String s = Long.toHexString(ThreadLocalRandom.current().nextLong());
        return "0".repeat(16 - s.length()) + s;
    }

    /** The signal of an accepted event (README, "Signals"). */
    private static Signal signal(Event ev, Instant now) {
        Map<String, String> f = new LinkedHashMap<>();
        ev.properties().forEach((k, v) -> f.put("property." + k, v));
        f.put("connector", "events");
        f.put("connector_name", "events-api-v2");
        f.put("component", ev.entityName());
        f.put("resource", ev.eventType().name());
        f.put("event_id", ev.eventId());
        f.put("correlation_id", ev.correlationId());
        f.put("event_type", ev.eventType().name());
        f.put("title", ev.title());
        f.put("entity_id", ev.entityId());
        f.put("entity_type", ev.entityType());
        f.put("entity_name", ev.entityName());
        f.put("start", ev.start().toString());
        f.put("end", ev.end().toString());
        if (ev.problemId() != null) {
            f.put("problem_id", ev.problemId());
        }
        return new Signal(Signal.EVENT, now, f);
    }

    private void maybePrune(Instant now) {
        if (now.isBefore(nextPrune)) {
            return;
        }
        nextPrune = now.plus(PRUNE_EVERY);
        Instant cutoff = now.minus(retention);
        engine.store().records().prune(STREAM, cutoff);
        // closed problems go with their events
        String after = null;
        while (true) {
            SubjectQuery q = new SubjectQuery(ProblemKind.NAME, Map.of(), Map.of(), Set.of(ProblemKind.CLOSED), after,
                    1000);
            List<StoredSubject> page = engine.store().subjects().list(q);
            for (StoredSubject s : page) {
                Long closed = engine.decode(ProblemKind.INSTANCE, s).state().closedMs();
                if (closed != null && closed < cutoff.toEpochMilli()) {
                    engine.store().subjects().delete(s.ref(), now);
                }
            }
            if (page.size() < 1000) {
                return;
            }
            after = page.get(page.size() - 1).key();
        }
    }

    // ---- storage encoding ----

    static String encode(Event e) {
        ObjectNode o = JSON.createObjectNode();
        o.put("eventId", e.eventId());
        o.put("correlationId", e.correlationId());
        o.put("eventType", e.eventType().name());
        o.put("title", e.title());
        o.put("start", e.start().toEpochMilli());
        o.put("end", e.end().toEpochMilli());
        o.put("entityId", e.entityId());
        o.put("entityType", e.entityType());
        o.put("entityName", e.entityName());
        ObjectNode p = o.putObject("properties");
        new TreeMap<>(e.properties()).forEach(p::put);
        ArrayNode t = o.putArray("entityTags");
        e.entityTags().forEach(t::add);
        o.put("problemId", e.problemId());
        return o.toString();
    }

    static Event decode(String body) {
        try {
            JsonNode o = JSON.readTree(body);
            Map<String, String> props = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = o.get("properties").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                props.put(f.getKey(), f.getValue().asText());
            }
            List<String> tags = new ArrayList<>();
            o.get("entityTags").forEach(t -> tags.add(t.asText()));
            JsonNode pid = o.get("problemId");
            return new Event(o.get("eventId").asText(), o.get("correlationId").asText(),
                    EventType.valueOf(o.get("eventType").asText()), o.get("title").asText(),
                    Instant.ofEpochMilli(o.get("start").asLong()), Instant.ofEpochMilli(o.get("end").asLong()),
                    o.get("entityId").asText(), o.get("entityType").asText(), o.get("entityName").asText(), props,
                    tags, pid == null || pid.isNull() ? null : pid.asText());
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalArgumentException("stored event cannot be read: " + e.getMessage(), e);
        }
    }

    // ---- queries ----

    @Override
    public Optional<Event> find(String eventId) {
        if (eventId.isEmpty() || eventId.length() > 100) {
            return Optional.empty();
        }
        return engine.store().records().find(STREAM, eventId).map(r -> decode(r.body()));
    }

    @Override
    public Page<Event> query(Query q) {
        Instant now = engine.now();
        EventSelector sel = EventSelector.parse(q.eventSelector());
        Set<String> entityIds = null;
        if (q.entitySelector() != null) {
            entityIds = new java.util.HashSet<>();
            for (IndexedEntity e : entities.matches(parseSelector("entitySelector", q.entitySelector()), null)) {
                entityIds.add(e.id());
            }
        }
        String key = sel.single("entityId");
        if (entityIds != null && entityIds.size() == 1 && key == null) {
            key = entityIds.iterator().next();
        }
        String tag = sel.single("eventType");
        // the time frame includes its end, so the default "until now" shows an event started now
        List<AppendedRecord> scanned = engine.store().records().query(new RecordQuery(STREAM, key, tag, q.from(),
                q.to().plusMillis(1), null, MAX_SCANNED));
        List<Event> matching = new ArrayList<>();
        for (AppendedRecord r : scanned) {
            Event e = decode(r.body());
            if ((entityIds == null || entityIds.contains(e.entityId())) && sel.test(e, now)) {
                matching.add(e);
            }
        }
        return page(matching, q.offset(), q.pageSize());
    }

    static <T> Page<T> page(List<T> all, int offset, int size) {
        int from = Math.min(offset, all.size());
        int to = Math.min(all.size(), from + size);
        return new Page<>(all.size(), all.subList(from, to), to < all.size());
    }

    static EntitySelector parseSelector(String field, String text) {
        try {
            return EntitySelector.parse(text);
        } catch (SelectorSyntaxException e) {
            throw new InvalidEventException(field, e.getMessage());
        }
    }

    @Override
    public Optional<Problem> problem(String problemId) {
        if (problemId.isEmpty() || problemId.length() > SubjectRef.MAX_KEY_LENGTH) {
            return Optional.empty();
        }
        return engine.find(ProblemKind.INSTANCE, problemId).map(EventService::problemView);
    }

    @Override
    public Page<Problem> problems(ProblemQuery q) {
        Set<String> statuses = Set.of();
        if (q.problemSelector() != null) {
            EventSelector ps = EventSelector.parseProblems(q.problemSelector());
            String st = ps.single("status");
            if (st != null) {
                statuses = Set.of(st);
            }
        }
        Predicate<String> onEntity = id -> true;
        if (q.entitySelector() != null) {
            Set<String> ids = new java.util.HashSet<>();
            entities.matches(parseSelector("entitySelector", q.entitySelector()), null).forEach(e -> ids.add(e.id()));
            onEntity = ids::contains;
        }
        List<Problem> out = new ArrayList<>();
        String after = null;
        while (out.size() < MAX_SCANNED) {
            SubjectQuery sq = new SubjectQuery(ProblemKind.NAME, Map.of(), Map.of(), statuses, after, 1000);
            List<StoredSubject> page = engine.store().subjects().list(sq);
            for (StoredSubject s : page) {
                Problem p = problemView(engine.decode(ProblemKind.INSTANCE, s));
                Instant end = p.closedAt() != null ? p.closedAt() : Instant.MAX;
                if (onEntity.test(p.entityId()) && !p.start().isAfter(q.to()) && !end.isBefore(q.from())) {
                    out.add(p);
                }
            }
            if (page.size() < 1000) {
                break;
            }
            after = page.get(page.size() - 1).key();
        }
        out.sort((a, b) -> b.start().compareTo(a.start()) != 0 ? b.start().compareTo(a.start())
                : a.problemId().compareTo(b.problemId()));
        return page(out, q.offset(), q.pageSize());
    }

    static Problem problemView(Subject<ProblemKind.Spec, ProblemKind.State> s) {
        ProblemKind.Spec sp = s.spec();
        ProblemKind.State st = s.state();
        String impact = switch (sp.entityType()) {
            case "SERVICE" -> "SERVICES";
            case "APPLICATION", "MOBILE_APPLICATION", "CUSTOM_APPLICATION" -> "APPLICATION";
            case "ENVIRONMENT" -> "ENVIRONMENT";
            default -> "INFRASTRUCTURE";
        };
        return new Problem(s.key(), sp.displayId(), sp.title(), st.status(), sp.severityLevel(), impact,
                EventType.valueOf(sp.eventType()), sp.entityId(), sp.entityType(), sp.entityName(),
                Instant.ofEpochMilli(st.startMs()), Instant.ofEpochMilli(st.endMs()),
                st.closedMs() == null ? null : Instant.ofEpochMilli(st.closedMs()),
                st.events().stream().map(e -> new Problem.Evidence(e.eventId(), Instant.ofEpochMilli(e.startMs()),
                        Instant.ofEpochMilli(e.endMs()))).toList());
    }

    /** Dynatrace's event selector (and problem selector): {@code name(value,…)} criteria, comma-separated. */
    record EventSelector(Map<String, List<String>> criteria) {
        static final Set<String> EVENT_NAMES = Set.of("eventType", "status", "correlationId", "eventId", "entityId");

        static EventSelector parse(@Nullable String text) {
            return parse(text, "eventSelector", EVENT_NAMES, true);
        }

        static EventSelector parseProblems(String text) {
            return parse(text, "problemSelector", Set.of("status"), false);
        }

        private static EventSelector parse(@Nullable String text, String field, Set<String> names,
                boolean properties) {
            Map<String, List<String>> out = new LinkedHashMap<>();
            if (text == null || text.isBlank()) {
                return new EventSelector(out);
            }
            int i = 0;
            int n = text.length();
            while (i < n) {
                while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == ',')) {
                    i++;
                }
                if (i >= n) {
                    break;
                }
                int open = text.indexOf('(', i);
                if (open < 0) {
                    throw new InvalidEventException(field, "is invalid at position " + i + ": expected '(' after "
                            + "a criterion name");
                }
                String name = text.substring(i, open).strip();
                boolean isProperty = properties && name.startsWith("property.") && name.length() > 9;
                if (!names.contains(name) && !isProperty) {
                    throw new InvalidEventException(field, "is invalid at position " + i + ": expected one of "
                            + String.join(", ", new java.util.TreeSet<>(names)) + (properties ? ", property.<key>"
                            : "") + " but found '" + name + "'");
                }
                List<String> values = new ArrayList<>();
                StringBuilder b = new StringBuilder();
                int j = open + 1;
                boolean quoted = false;
                boolean closed = false;
                for (; j < n; j++) {
                    char c = text.charAt(j);
                    if (c == '~' && j + 1 < n) {
                        b.append(text.charAt(++j));
                    } else if (c == '"') {
                        quoted = !quoted;
                    } else if (!quoted && c == ',') {
                        values.add(b.toString().strip());
                        b.setLength(0);
                    } else if (!quoted && c == ')') {
                        values.add(b.toString().strip());
                        closed = true;
                        break;
                    } else {
                        b.append(c);
                    }
                }
                if (!closed) {
                    throw new InvalidEventException(field, "is invalid at position " + j + ": expected ')'");
                }
                if (values.stream().anyMatch(String::isEmpty)) {
                    throw new InvalidEventException(field, "is invalid at position " + open + ": " + name
                            + "(...) needs a value");
                }
                if ((name.equals("eventType") || name.equals("status")) && values.size() != 1) {
                    throw new InvalidEventException(field, name + "(...) takes exactly one value");
                }
                if (name.equals("status")) {
                    String v = values.get(0).toUpperCase(Locale.ROOT);
                    if (!v.equals("OPEN") && !v.equals("CLOSED")) {
                        throw new InvalidEventException(field, "status(...) must be OPEN or CLOSED");
                    }
                    values = List.of(v);
                }
                if (name.equals("eventType") && EventType.parse(values.get(0)).isEmpty()) {
                    throw new InvalidEventException(field, "eventType(...) must be one of the event types, got '"
                            + values.get(0) + "'");
                }
                if (out.put(name, List.copyOf(values)) != null) {
                    throw new InvalidEventException(field, name + "(...) is given twice");
                }
                i = j + 1;
            }
            return new EventSelector(out);
        }

        @Nullable String single(String name) {
            List<String> v = criteria.get(name);
            return v == null || v.size() != 1 ? null : name.equals("eventType")
                    ? EventType.parse(v.get(0)).orElseThrow().name() : v.get(0);
        }

        boolean test(Event e, Instant now) {
            for (Map.Entry<String, List<String>> c : criteria.entrySet()) {
                List<String> v = c.getValue();
                boolean ok = switch (c.getKey()) {
                    case "eventType" -> e.eventType().name().equals(single("eventType"));
                    case "status" -> v.get(0).equals(e.isOpen(now) ? "OPEN" : "CLOSED");
                    case "correlationId" -> v.contains(e.correlationId());
                    case "eventId" -> v.contains(e.eventId());
                    case "entityId" -> v.contains(e.entityId());
                    default -> v.contains(e.properties().get(c.getKey().substring("property.".length())));
                };
                if (!ok) {
                    return false;
                }
            }
            return true;
        }
    }
}
