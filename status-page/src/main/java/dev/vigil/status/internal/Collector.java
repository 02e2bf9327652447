package dev.vigil.status.internal;

import dev.vigil.Vigil;
import dev.vigil.event.Events;
import dev.vigil.event.Problem;
import dev.vigil.heartbeat.Heartbeat;
import dev.vigil.kind.Subject;
import dev.vigil.kind.SubjectKind;
import dev.vigil.kind.Subjects;
import dev.vigil.model.SubjectRef;
import dev.vigil.model.Transition;
import dev.vigil.monitor.PushMonitor;
import dev.vigil.service.Service;
import dev.vigil.service.ServiceFilter;
import dev.vigil.task.Task;
import dev.vigil.task.TaskLevel;
import dev.vigil.task.TaskSpec;
import dev.vigil.task.TaskStatus;
import dev.vigil.task.TaskType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Reads every subject through Vigil's public API ({@code monitors()}, {@code services()}, {@code heartbeats()},
 * {@code tasks()}, {@code events().problems(...)} and {@code subjects(kind)} for custom kinds) into a
 * {@link Snapshot}, marking each public or not with the page's selectors.
 */
public final class Collector {
    public static final String PUSH_MONITOR = "push_monitor";
    public static final String SERVICE = "service";
    public static final String HEARTBEAT = "heartbeat";
    public static final String TASK = "task";
    public static final String PROBLEM = "problem";
    /** Most subjects of one kind read for one page (pages of {@link #PAGE}). */
    static final int MAX_PER_KIND = 10_000;
    private static final int PAGE = 500;

    private final Vigil vigil;
    private final List<SubjectKind<?, ?>> custom;
    private final Predicate<Map<String, String>> isPublic;

    public Collector(Vigil vigil, List<SubjectKind<?, ?>> custom, Predicate<Map<String, String>> isPublic) {
        this.vigil = vigil;
        this.custom = List.copyOf(custom);
        this.isPublic = isPublic;
    }

    public Snapshot collect() {
        Instant now = vigil.clock().instant();
        Map<String, List<Item>> kinds = new LinkedHashMap<>();
        Map<String, String> titles = new LinkedHashMap<>();
        Map<String, Service> services = new LinkedHashMap<>();
        titles.put(PROBLEM, "Open problems");
        kinds.put(PROBLEM, problems(now));
        titles.put(PUSH_MONITOR, "Push monitors");
        kinds.put(PUSH_MONITOR, monitors());
        titles.put(SERVICE, "Services");
        kinds.put(SERVICE, services(services));
        titles.put(HEARTBEAT, "Heartbeats");
        kinds.put(HEARTBEAT, heartbeats());
        titles.put(TASK, "Alert-rule tasks");
        kinds.put(TASK, tasks());
        for (SubjectKind<?, ?> k : custom) {
            titles.put(k.name(), title(k.name()));
            kinds.put(k.name(), customKind(k));
        }
        return new Snapshot(now, kinds, titles, vigil.services().tree(), services);
    }

    private static String title(String kind) {
        String words = kind.replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1) + "s";
    }

    private Item item(SubjectRef ref, String name, String urlName, String status, Tone tone, Instant since,
            @Nullable Instant lastSignal, String signalText, String detail, Map<String, String> own) {
        Map<String, String> labels = new LinkedHashMap<>(own);
        labels.put("kind", ref.kind());
        labels.put("key", ref.key());
        labels.put("name", urlName);
        return new Item(ref, name, urlName, status, tone, since, lastSignal, signalText, detail, labels,
                isPublic.test(labels));
    }

    private List<Item> monitors() {
        List<Item> out = new ArrayList<>();
        for (PushMonitor m : vigil.monitors().list()) {
            Tone tone = switch (m.status()) {
                case UP -> Tone.UP;
                case DOWN -> Tone.DOWN;
                case PAUSED -> Tone.PAUSED;
                case NO_PUSH_YET -> Tone.NEW;
            };
            String key = Long.toString(m.id());
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("id", key);
            if (m.spec().group() != null) {
                labels.put("group", m.spec().group());
            }
            String said = join(m.lastPushStatus(), m.lastPushMessage());
            String every = m.spec().isScheduled() ? "cron " + m.spec().schedule()
                    : "every " + Durations.words(m.spec().expectedInterval());
            String detail = (m.spec().group() == null ? "" : m.spec().group() + " · ") + every;
            out.add(item(SubjectRef.of(PUSH_MONITOR, key), m.name(), m.name(), m.status().name(), tone,
                    m.statusSince(), m.lastPushAt(), said, detail, labels));
            if (out.size() >= MAX_PER_KIND) {
                break;
            }
        }
        return out;
    }

    private List<Item> services(Map<String, Service> byPath) {
        List<Item> out = new ArrayList<>();
        String after = null;
        while (out.size() < MAX_PER_KIND) {
            List<Service> page = vigil.services().list(ServiceFilter.ALL, after, PAGE);
            for (Service s : page) {
                String path = s.path().toString();
                byPath.put(path, s);
                Tone tone = switch (s.status()) {
                    case OPERATIONAL -> Tone.UP;
                    case DEGRADED -> Tone.WARN;
                    case DOWN -> Tone.DOWN;
                    case MAINTENANCE -> Tone.PAUSED;
                    case UNKNOWN -> Tone.UNKNOWN;
                };
                out.add(item(SubjectRef.of(SERVICE, path), path, path, s.status().name(), tone, s.statusSince(),
                        s.lastReportAt(), s.message() == null ? "" : s.message(), serviceDetail(s), labels(s)));
            }
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1).path().toString();
        }
        return out;
    }

    private static String serviceDetail(Service s) {
        List<String> parts = new ArrayList<>();
        if (s.criticality() != null) {
            parts.add(s.criticality());
        }
        if (s.slaGroup() != null) {
            parts.add("SLA " + s.slaGroup());
        }
        if (!s.tags().isEmpty()) {
            parts.add(String.join(", ", new java.util.TreeSet<>(s.tags())));
        }
        if (s.statusReason().equals("stale")) {
            parts.add("stale");
        }
        return String.join(" · ", parts);
    }

    /** The labels routes match on services, from the public record. */
    private static Map<String, String> labels(Service s) {
        Map<String, String> l = new LinkedHashMap<>();
        String path = s.path().toString();
        l.put("path", path);
        String[] names = {"org", "domain", "env", "cluster", "service"};
        List<String> segments = s.path().segments();
        for (int i = 0; i < names.length && i < segments.size(); i++) {
            l.put(names[i], segments.get(i));
        }
        putIfSet(l, "criticality", s.criticality());
        putIfSet(l, "sla_group", s.slaGroup());
        putIfSet(l, "service_type", s.serviceType());
        putIfSet(l, "namespace", s.namespace());
        if (!s.tags().isEmpty()) {
            l.put("tags", String.join(",", new java.util.TreeSet<>(s.tags())));
            s.tags().forEach(t -> l.put("tag." + t, "true"));
        }
        return l;
    }

    private static void putIfSet(Map<String, String> l, String name, @Nullable String value) {
        if (value != null) {
            l.put(name, value);
        }
    }

    private List<Item> heartbeats() {
        List<Item> out = new ArrayList<>();
        for (Heartbeat h : vigil.heartbeats().list()) {
            // the record has no "since": the last change in its history, else its creation
            List<Transition> last = vigil.heartbeats().history(h.id(), 1);
            Instant since = last.isEmpty() ? h.createdAt() : last.get(0).at();
            StringBuilder pattern = new StringBuilder();
            h.spec().pattern().forEach((k, v) -> pattern.append(pattern.length() == 0 ? "" : ", ").append(k)
                    .append('=').append(v));
            String detail = "every " + h.spec().expectedInterval()
                    + (h.spec().minSources() > 1 ? " · at least " + h.spec().minSources() + " distinct "
                            + h.spec().sourceField() : "");
            Tone tone = h.status().equals(Heartbeat.ALERT) ? Tone.DOWN : Tone.UP;
            out.add(item(SubjectRef.of(HEARTBEAT, h.id()), pattern.toString(), h.id(), h.status(), tone, since,
                    h.lastMatchAt(), h.sources().isEmpty() ? "" : String.join(", ", h.sources()), detail,
                    h.spec().pattern()));
            if (out.size() >= MAX_PER_KIND) {
                break;
            }
        }
        return out;
    }

    private List<Item> tasks() {
        List<Item> out = new ArrayList<>();
        for (TaskType type : TaskType.values()) {
            for (Task t : vigil.tasks().list(type)) {
                TaskSpec spec = t.spec();
                TaskStatus st = t.status();
                Tone tone = st.level() == TaskLevel.CRITICAL ? Tone.DOWN : st.level() == TaskLevel.WARNING ? Tone.WARN
                        : Tone.UP;
                Map<String, String> labels = new LinkedHashMap<>();
                labels.put("app", spec.app());
                labels.put("task", type.wireName());
                putIfSet(labels, "dynotype", spec.dynotype());
                String detail = switch (type) {
                    case FIVE_XX -> "5xx · tolerance " + spec.tolerance().name().toLowerCase(Locale.ROOT);
                    case MEMORY -> "memory " + spec.dynotype() + " · warn " + mb(spec.warn()) + " / crit "
                            + mb(spec.crit());
                    case CRASHED -> "each crash";
                    case RELEASE -> "each release";
                };
                String said = type.isOccurrence() ? st.occurrences() + " occurrence" + (st.occurrences() == 1 ? "" : "s")
                        : st.value() == null ? "" : type == TaskType.MEMORY ? "highest mean " + mb(st.value())
                        : String.format(Locale.ROOT, "%.0f errors in 10 min", st.value())
                                + (st.sigma() == null ? "" : String.format(Locale.ROOT, " (%.1f σ)", st.sigma()));
                out.add(item(SubjectRef.of(TASK, t.key()), t.key(), t.key(), st.level().name(), tone, st.since(),
                        st.evaluatedAt(), said, detail, labels));
            }
        }
        return out;
    }

    private static String mb(@Nullable Double v) {
        return v == null ? "?" : String.format(Locale.ROOT, "%.0f MB", v);
    }

    private List<Item> problems(Instant now) {
        List<Item> out = new ArrayList<>();
        Events events = vigil.events();
        Instant from = now.minus(events.retention());
        int offset = 0;
        while (out.size() < MAX_PER_KIND) {
            Events.Page<Problem> page = events.problems(new Events.ProblemQuery(from, now, "status(OPEN)", null, 500,
                    offset));
            for (Problem p : page.items()) {
                if (!p.isOpen()) {
                    continue;
                }
                Tone tone = p.severityLevel().equals("AVAILABILITY") || p.severityLevel().equals("ERROR") ? Tone.DOWN
                        : Tone.WARN;
                Instant last = p.events().isEmpty() ? p.start() : p.events().get(p.events().size() - 1).start();
                Map<String, String> labels = new LinkedHashMap<>();
                labels.put("entity_type", p.entityType());
                labels.put("entity_id", p.entityId());
                labels.put("entity_name", p.entityName());
                labels.put("event_type", p.eventType().name());
                labels.put("severity_level", p.severityLevel());
                labels.put("display_id", p.displayId());
                String detail = p.displayId() + " · " + p.severityLevel().toLowerCase(Locale.ROOT).replace('_', ' ')
                        + " on " + p.entityName() + " (" + p.entityType() + ")";
                out.add(item(SubjectRef.of(PROBLEM, p.problemId()), p.title(), p.problemId(), p.status(), tone,
                        p.start(), last, p.events().size() + " event" + (p.events().size() == 1 ? "" : "s")
                        + " · ends " + Durations.ago(p.end(), now), detail, labels));
            }
            if (!page.more() || page.items().isEmpty()) {
                break;
            }
            offset += page.items().size();
        }
        return out;
    }

    private <S, T> List<Item> customKind(SubjectKind<S, T> kind) {
        Subjects<S, T> subjects = vigil.subjects(kind);
        List<Item> out = new ArrayList<>();
        String after = null;
        while (out.size() < MAX_PER_KIND) {
            List<Subject<S, T>> page = subjects.list(after, PAGE);
            for (Subject<S, T> s : page) {
                // the engine keeps no "status since" for custom kinds: the last write is the closest it has
                out.add(item(s.ref(), s.name(), s.name(), s.status(), Tone.guess(s.status()), s.updatedAt(),
                        s.updatedAt(), "", "", kind.labels(s.key(), s.spec(), s.state())));
            }
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1).key();
        }
        return out;
    }

    private static String join(@Nullable String a, @Nullable String b) {
        if (a == null || a.isEmpty()) {
            return b == null ? "" : b;
        }
        return b == null || b.isEmpty() ? a : a + ": " + b;
    }
}
