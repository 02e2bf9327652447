package dev.vigil.internal;

import dev.vigil.entity.CustomDevice;
import dev.vigil.entity.Entities;
import dev.vigil.entity.Entity;
import dev.vigil.entity.EntityDefinition;
import dev.vigil.entity.EntitySelector;
import dev.vigil.entity.EntityTag;
import dev.vigil.kind.Outcome;
import dev.vigil.kind.Subject;
import dev.vigil.kind.Update;
import dev.vigil.model.SubjectRef;
import dev.vigil.spi.StoredSubject;
import dev.vigil.spi.SubjectChange;
import dev.vigil.spi.SubjectQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * {@link Entities} over the engine: explicit entities are subjects of {@link EntityKind}; services, push monitors,
 * the apps of alert-rule tasks and the environment are derived. An {@link EntityIndex} follows the store's change feed before every read, so
 * instances sharing a store agree; activity is read from the subject when a selector's matches are checked.
 */
public final class EntityRegistry implements Entities {
    public static final String PUSH_MONITOR_TYPE = "PUSH_MONITOR";
    public static final String SERVICE_TYPE = "SERVICE";
    /** An app of the alert-rule tasks (seed 003): an entity while at least one task watches it. */
    public static final String APPLICATION_TYPE = "APPLICATION";
    static final String ENVIRONMENT_NAME = "environment";
    /** A gap in the feed's sequence younger than this may still fill (a transaction committing late). */
    static final Duration GAP_WAIT = Duration.ofSeconds(5);
    private static final int PAGE = 1000;
    private static final Set<String> FOLLOWED = Set.of(ServiceKind.NAME, PushMonitorKind.NAME, EntityKind.NAME,
            ProblemKind.NAME, TaskKind.NAME);

    private final Engine engine;
    private final ServiceKind serviceKind;
    private final EntityIndex index = new EntityIndex();
    private final String environmentId = Entities.entityId(ENVIRONMENT, ENVIRONMENT_NAME);
    private final Map<String, Long> problemVersions = new HashMap<>();
    private final Map<String, String> problemEntities = new HashMap<>();
    /** Per app, the tasks that watch it by task key: an app entity has several sources, each with its version. */
    private final Map<String, Map<String, AppTask>> appTasks = new HashMap<>();
    private final Object refreshLock = new Object();
    private boolean loaded;
    private long cursor;

    public EntityRegistry(Engine engine, ServiceKind serviceKind) {
        this.engine = engine;
        this.serviceKind = serviceKind;
    }

    /** The index, current as of the last refresh (for benchmarks and the event service). */
    public EntityIndex index() {
        return index;
    }

    // ---- following the change feed ----

    /** Brings the index up to date with the store: a full load the first time, then the change feed. */
    public void refresh() {
        synchronized (refreshLock) {
            if (!loaded) {
                fullLoad();
            }
            follow();
        }
    }

    private void fullLoad() {
        index.clear();
        problemVersions.clear();
        problemEntities.clear();
        appTasks.clear();
        // the feed's end first: whatever is written while listing is seen again, and applied by version
        long end = 0;
        while (true) {
            List<SubjectChange> page = engine.store().subjects().changesSince(end, 10_000);
            if (page.isEmpty()) {
                break;
            }
            end = page.get(page.size() - 1).seq();
        }
        index.put(environmentEntity());
        for (String kind : FOLLOWED) {
            String after = null;
            while (true) {
                SubjectQuery q = SubjectQuery.all(kind, PAGE);
                List<StoredSubject> page = engine.store().subjects().list(after == null ? q : q.after(after));
                page.forEach(this::apply);
                if (page.size() < PAGE) {
                    break;
                }
                after = page.get(page.size() - 1).key();
            }
        }
        cursor = end;
        loaded = true;
    }

    private void follow() {
        Instant now = engine.now();
        while (true) {
            List<SubjectChange> page = engine.store().subjects().changesSince(cursor, PAGE);
            if (page.isEmpty()) {
                return;
            }
            long expected = cursor + 1;
            long newCursor = cursor;
            boolean holding = false;
            for (SubjectChange c : page) {
                if (c.seq() != expected && !holding && c.at().plus(GAP_WAIT).isAfter(now)) {
                    holding = true; // an earlier transaction may still commit into the gap: look again next time
                }
                if (!holding) {
                    newCursor = c.seq();
                }
                expected = c.seq() + 1;
                if (FOLLOWED.contains(c.ref().kind())) {
                    applyChange(c);
                }
            }
            if (cursor > 0 && page.get(0).seq() > cursor + PAGE * 100L && page.get(0).at().plus(GAP_WAIT).isBefore(now)) {
                fullLoad(); // fell behind the feed's trimming: start over
                return;
            }
            cursor = newCursor;
            if (holding || page.size() < PAGE) {
                return;
            }
        }
    }

    private void applyChange(SubjectChange c) {
        SubjectRef ref = c.ref();
        if (ref.kind().equals(TaskKind.NAME)) {
            applyTaskChange(c);
            return;
        }
        if (ref.kind().equals(ProblemKind.NAME)) {
            Long seen = problemVersions.get(ref.key());
            if (!c.deleted() && seen != null && seen >= c.version()) {
                return;
            }
        } else {
            IndexedEntity known = index.get(entityIdOf(ref));
            if (!c.deleted() && known != null && known.version() >= c.version()) {
                return;
            }
        }
        Optional<StoredSubject> s = engine.store().subjects().find(ref);
        if (s.isPresent()) {
            apply(s.get());
        } else if (ref.kind().equals(ProblemKind.NAME)) {
            String entity = problemEntities.remove(ref.key());
            problemVersions.remove(ref.key());
            if (entity != null) {
                index.problem(entity, ref.key(), false);
            }
        } else {
            index.remove(entityIdOf(ref));
        }
    }

    /** A task's change: its app entity is worked out again from all the tasks that watch the app. */
    private void applyTaskChange(SubjectChange c) {
        String app = appOfTaskKey(c.ref().key());
        AppTask known = appTasks.getOrDefault(app, Map.of()).get(c.ref().key());
        if (!c.deleted() && known != null && known.version() >= c.version()) {
            return;
        }
        Optional<StoredSubject> s = engine.store().subjects().find(c.ref());
        if (s.isPresent()) {
            apply(s.get());
            return;
        }
        Map<String, AppTask> tasks = appTasks.get(app);
        if (tasks != null) {
            tasks.remove(c.ref().key());
            if (tasks.isEmpty()) {
                appTasks.remove(app);
                index.remove(Entities.entityId(APPLICATION_TYPE, app));
            } else {
                index.put(application(app, tasks));
            }
        }
    }

    /** Task keys are {@code <task>/<app>} or {@code memory/<app>/<dynotype>}. */
    private static String appOfTaskKey(String key) {
        String[] parts = key.split("/", 3);
        return parts.length > 1 ? parts[1] : key;
    }

    private static String entityIdOf(SubjectRef ref) {
        return switch (ref.kind()) {
            case ServiceKind.NAME -> Entities.entityId(SERVICE_TYPE, ref.key());
            case PushMonitorKind.NAME -> Entities.entityId(PUSH_MONITOR_TYPE, ref.key());
            default -> ref.key();
        };
    }

    private void apply(StoredSubject s) {
        switch (s.kind()) {
            case ServiceKind.NAME -> index.put(service(s));
            case PushMonitorKind.NAME -> index.put(pushMonitor(s));
            case EntityKind.NAME -> index.put(explicit(s));
            case TaskKind.NAME -> {
                String app = s.labels().get(TaskKind.LABEL_APP);
                if (app != null) {
                    Map<String, AppTask> tasks = appTasks.computeIfAbsent(app, a -> new TreeMap<>());
                    tasks.put(s.key(), new AppTask(s.version(), s.labels().getOrDefault(TaskKind.LABEL_TASK, ""),
                            s.status(), s.createdAt(), s.updatedAt(), s.ref()));
                    index.put(application(app, tasks));
                }
            }
            case ProblemKind.NAME -> {
                String entity = s.labels().get(ProblemKind.ENTITY_LABEL);
                if (entity != null) {
                    problemVersions.put(s.key(), s.version());
                    problemEntities.put(s.key(), entity);
                    index.problem(entity, s.key(), s.status().equals(ProblemKind.OPEN));
                }
            }
            default -> {
            }
        }
    }

    private IndexedEntity environmentEntity() {
        return new IndexedEntity(environmentId, ENVIRONMENT, ENVIRONMENT_NAME, List.of(), Map.of(), Map.of(),
                Instant.EPOCH, Instant.EPOCH, SubjectRef.of("environment", ENVIRONMENT_NAME), Long.MAX_VALUE, false);
    }

    /** A service: named by its last path segment, tagged with its reports' tags and attributes. */
    private static IndexedEntity service(StoredSubject s) {
        Map<String, String> l = s.labels();
        List<EntityTag> tags = new ArrayList<>();
        Map<String, String> props = new TreeMap<>();
        for (Map.Entry<String, String> e : new TreeMap<>(l).entrySet()) {
            String k = e.getKey();
            if (k.startsWith(ServiceKind.TAG_LABEL)) {
                tags.add(EntityTag.parse(k.substring(ServiceKind.TAG_LABEL.length())));
            } else if (Set.of("criticality", "sla_group", "service_type", "namespace").contains(k)) {
                tags.add(new EntityTag(EntityTag.CONTEXTLESS, k, e.getValue()));
                props.put(k, e.getValue());
            } else if (Set.of("path", "org", "domain", "env", "cluster").contains(k)) {
                props.put(k, e.getValue());
            }
        }
        props.put("status", s.status());
        boolean bad = s.status().equals("DOWN") || s.status().equals("DEGRADED");
        String name = l.getOrDefault("service", s.key());
        return new IndexedEntity(Entities.entityId(SERVICE_TYPE, s.key()), SERVICE_TYPE, name, tags, props, Map.of(),
                s.createdAt(), s.updatedAt(), s.ref(), s.version(), bad);
    }

    private static IndexedEntity pushMonitor(StoredSubject s) {
        List<EntityTag> tags = new ArrayList<>();
        String group = s.labels().get("group");
        if (group != null) {
            tags.add(new EntityTag(EntityTag.CONTEXTLESS, "group", group));
        }
        Map<String, String> props = Map.of("monitorId", s.key(), "status", s.status());
        return new IndexedEntity(Entities.entityId(PUSH_MONITOR_TYPE, s.key()), PUSH_MONITOR_TYPE, s.name(), tags,
                props, Map.of(), s.createdAt(), s.updatedAt(), s.ref(), s.version(), s.status().equals("DOWN"));
    }

    /** One task watching an app, as the app entity needs it. */
    private record AppTask(long version, String task, String status, Instant createdAt, Instant updatedAt,
            SubjectRef ref) {
    }

    /**
     * An app: named by itself, tagged {@code alert:<task>} per kind of task watching it; unhealthy while one of them
     * warns or is critical. First seen with its first task, defined when a task last changed.
     */
    private static IndexedEntity application(String app, Map<String, AppTask> tasks) {
        Set<String> kinds = new TreeSet<>();
        Instant first = Instant.MAX;
        AppTask latest = null;
        boolean unhealthy = false;
        for (AppTask t : tasks.values()) {
            kinds.add(t.task());
            first = t.createdAt().isBefore(first) ? t.createdAt() : first;
            latest = latest == null || t.updatedAt().isAfter(latest.updatedAt()) ? t : latest;
            unhealthy |= t.status().equals("WARNING") || t.status().equals("CRITICAL");
        }
        List<EntityTag> tags = kinds.stream().map(k -> new EntityTag(EntityTag.CONTEXTLESS, "alert", k)).toList();
        Map<String, String> props = Map.of("app", app, "tasks", String.join(",", tasks.keySet()));
        return new IndexedEntity(Entities.entityId(APPLICATION_TYPE, app), APPLICATION_TYPE, app, tags, props,
                Map.of(), first, Objects.requireNonNull(latest).updatedAt(), latest.ref(), latest.version(), unhealthy);
    }

    private static IndexedEntity explicit(StoredSubject s) {
        EntityKind.Spec spec = EntityKind.INSTANCE.specCodec().decode(s.spec());
        return new IndexedEntity(s.key(), spec.type(), spec.displayName(),
                spec.tags().stream().map(EntityTag::parse).toList(), spec.properties(), spec.fromRelationships(),
                s.createdAt(), s.updatedAt(), s.ref(), s.version(), false);
    }

    // ---- activity ----

    /**
     * When the entity was last seen: its definition or creation, or the last report or push of its source. Reads
     * the source subject and decodes only its state (activity is not in the change feed).
     */
    public Instant lastSeen(IndexedEntity e) {
        SubjectRef src = e.source();
        if (src.kind().equals("environment")) {
            return engine.now();
        }
        StoredSubject s = engine.store().subjects().find(src).orElse(null);
        if (s == null) {
            return e.definedAt();
        }
        Instant seen = switch (src.kind()) {
            case ServiceKind.NAME -> serviceKind.stateCodec().decode(s.state()).lastReportAt();
            case PushMonitorKind.NAME -> PushMonitorKind.INSTANCE.stateCodec().decode(s.state()).lastPushAt();
            case EntityKind.NAME -> Instant.ofEpochMilli(EntityKind.INSTANCE.stateCodec().decode(s.state())
                    .lastSeenMs());
            default -> null;
        };
        return later(e.definedAt(), seen);
    }

    private static Instant later(Instant a, @Nullable Instant b) {
        return b != null && b.isAfter(a) ? b : a;
    }

    // ---- Entities ----

    @Override
    public Entity define(EntityDefinition d) {
        Objects.requireNonNull(d, "definition");
        String id = Entities.entityId(d.type(), d.displayName());
        write(id, new EntityKind.Spec(d.type(), d.displayName(), d.tags(), d.properties(), d.fromRelationships()),
                true);
        return find(id).orElseThrow();
    }

    /** Applies a configuration's definition: an unchanged one writes nothing and is no activity. */
    public String declare(EntityDefinition d) {
        String id = Entities.entityId(d.type(), d.displayName());
        write(id, new EntityKind.Spec(d.type(), d.displayName(), d.tags(), d.properties(), d.fromRelationships()),
                false);
        return id;
    }

    private void write(String id, EntityKind.Spec spec, boolean activity) {
        engine.update(EntityKind.INSTANCE, id, (Subject<EntityKind.Spec, EntityKind.Activity> cur, Instant now) -> {
            if (cur != null && cur.spec().equals(spec) && !activity) {
                return null;
            }
            return new Update.Proposal<>(spec, Outcome.of(EntityKind.Activity.at(now)), Boolean.TRUE);
        });
        refresh();
    }

    @Override
    public CustomDevice.Result customDevice(CustomDevice d) {
        Objects.requireNonNull(d, "device");
        String group = d.groupName();
        String groupId = Entities.entityId("CUSTOM_DEVICE_GROUP", group);
        String id = Entities.entityId("CUSTOM_DEVICE", d.customDeviceId());
        EntityKind.Spec groupSpec = new EntityKind.Spec("CUSTOM_DEVICE_GROUP", group, List.of(), Map.of(), Map.of());
        engine.update(EntityKind.INSTANCE, groupId, (Subject<EntityKind.Spec, EntityKind.Activity> cur, Instant now) ->
                cur != null ? null : new Update.Proposal<>(groupSpec, Outcome.of(EntityKind.Activity.at(now)), true));
        Map<String, String> props = new TreeMap<>(d.properties());
        props.put("customDeviceId", d.customDeviceId());
        if (d.type() != null) {
            props.put("customizedType", d.type());
        }
        if (!d.ipAddresses().isEmpty()) {
            props.put("ipAddress", String.join(",", d.ipAddresses()));
        }
        if (!d.listenPorts().isEmpty()) {
            props.put("listenPorts", String.join(",", d.listenPorts().stream().map(String::valueOf).toList()));
        }
        if (!d.dnsNames().isEmpty()) {
            props.put("dnsNames", String.join(",", d.dnsNames()));
        }
        if (d.configUrl() != null) {
            props.put("configUrl", d.configUrl());
        }
        if (d.faviconUrl() != null) {
            props.put("faviconUrl", d.faviconUrl());
        }
        write(id, new EntityKind.Spec("CUSTOM_DEVICE", d.displayName(), List.of(), props,
                Map.of("isInstanceOf", List.of(groupId))), true);
        return new CustomDevice.Result(id, groupId);
    }

    @Override
    public Optional<Entity> find(String entityId) {
        Objects.requireNonNull(entityId, "entityId");
        refresh();
        IndexedEntity e = index.get(entityId);
        return e == null ? Optional.empty() : Optional.of(view(e));
    }

    @Override
    public List<Entity> select(EntitySelector selector, @Nullable Instant seenSince) {
        List<Seen> found = seen(selector, seenSince);
        List<Entity> out = new ArrayList<>(found.size());
        for (Seen s : found) {
            out.add(view(s.entity(), s.lastSeen()));
        }
        return out;
    }

    /** The indexed entities the selector matches, active since {@code seenSince} unless named by id, by id. */
    public List<IndexedEntity> matches(EntitySelector selector, @Nullable Instant seenSince) {
        return seen(selector, seenSince).stream().map(Seen::entity).toList();
    }

    /** An entity with its activity, read once. */
    private record Seen(IndexedEntity entity, Instant lastSeen) {
    }

    private List<Seen> seen(EntitySelector selector, @Nullable Instant seenSince) {
        Objects.requireNonNull(selector, "selector");
        refresh();
        List<IndexedEntity> found = new ArrayList<>();
        try (EntityIndex.View v = index.read()) {
            for (String id : SelectorEvaluator.evaluate(selector, v)) {
                IndexedEntity e = v.get(id);
                if (e != null) {
                    found.add(e);
                }
            }
        }
        boolean byId = selector.criteria().stream().anyMatch(c -> c instanceof EntitySelector.EntityIds);
        List<Seen> out = new ArrayList<>(found.size());
        for (IndexedEntity e : found) {
            Instant last = lastSeen(e);
            if (seenSince == null || byId || !last.isBefore(seenSince)) {
                out.add(new Seen(e, last));
            }
        }
        out.sort((a, b) -> a.entity().id().compareTo(b.entity().id()));
        return out;
    }

    @Override
    public Entity environment() {
        refresh();
        return view(Objects.requireNonNull(index.get(environmentId)));
    }

    public String environmentId() {
        return environmentId;
    }

    @Override
    public boolean delete(String entityId) {
        boolean deleted = engine.store().subjects().delete(SubjectRef.of(EntityKind.NAME, entityId), engine.now());
        refresh();
        return deleted;
    }

    /** The public view: relationships both ways and activity. */
    public Entity view(IndexedEntity e) {
        return view(e, lastSeen(e));
    }

    private Entity view(IndexedEntity e, Instant lastSeen) {
        Map<String, List<String>> to = new LinkedHashMap<>();
        try (EntityIndex.View v = index.read()) {
            for (Map.Entry<String, Set<String>> r : new TreeMap<>(v.incoming(e.id())).entrySet()) {
                to.put(r.getKey(), List.copyOf(new TreeSet<>(r.getValue())));
            }
        }
        return new Entity(e.id(), e.type(), e.name(), e.tags(), e.properties(), e.from(), to, e.firstSeen(),
                lastSeen);
    }
}
