package dev.vigil.internal;

import dev.vigil.entity.EntitySelector;
import dev.vigil.entity.EntitySelector.Criterion;
import dev.vigil.entity.EntityTag;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates a parsed selector over an {@link EntityIndex}: picks the smallest starting set an index gives (ids, an
 * exact name, a tag key, the entities related to an inner selector's matches, or the type), then checks every
 * criterion on those candidates only. A relationship criterion evaluates its inner selector once, so its cost grows
 * with the matches, not with the number of entities.
 */
public final class SelectorEvaluator {
    private final EntityIndex.View index;
    /** Inner selectors' matches, computed once per evaluation. */
    private final Map<EntitySelector, Set<String>> inner = new IdentityHashMap<>();

    private SelectorEvaluator(EntityIndex.View index) {
        this.index = index;
    }

    /** The ids of the entities the selector matches (activity aside). */
    public static Set<String> evaluate(EntitySelector selector, EntityIndex.View index) {
        return new SelectorEvaluator(index).matches(selector);
    }

    private Set<String> matches(EntitySelector selector) {
        Set<String> seed = seed(selector);
        Set<String> out = new HashSet<>();
        for (String id : seed) {
            IndexedEntity e = index.get(id);
            if (e != null && all(e, selector.criteria())) {
                out.add(id);
            }
        }
        return out;
    }

    /** The smallest candidate set an index gives for one of the (positive) criteria. */
    private Set<String> seed(EntitySelector selector) {
        Set<String> best = null;
        for (Criterion c : selector.criteria()) {
            Set<String> s = candidates(c);
            if (s != null && (best == null || s.size() < best.size())) {
                best = s;
                if (best.isEmpty()) {
                    return best;
                }
            }
        }
        if (best == null) { // unreachable: the parser requires type(...) or entityId(...)
            throw new IllegalStateException("selector without type or entityId: " + selector.text());
        }
        return best;
    }

    /** Candidates an index gives for one criterion, or null when none does (the criterion only filters). */
    private Set<String> candidates(Criterion c) {
        if (c instanceof EntitySelector.Type t) {
            return index.ofType(t.type());
        }
        if (c instanceof EntitySelector.EntityIds ids) {
            return new HashSet<>(ids.ids());
        }
        if (c instanceof EntitySelector.Name n && (n.op() == EntitySelector.NameOp.EQUALS
                || n.op() == EntitySelector.NameOp.IN)) {
            if (n.values().size() == 1) {
                return index.named(n.values().get(0).toLowerCase(Locale.ROOT));
            }
            Set<String> out = new HashSet<>();
            n.values().forEach(v -> out.addAll(index.named(v.toLowerCase(Locale.ROOT))));
            return out;
        }
        if (c instanceof EntitySelector.Tags tags) {
            if (tags.tags().size() == 1) {
                return index.taggedWith(tags.tags().get(0).key());
            }
            Set<String> out = new HashSet<>();
            tags.tags().forEach(t -> out.addAll(index.taggedWith(t.key())));
            return out;
        }
        if (c instanceof EntitySelector.Relationship r) {
            Set<String> related = new HashSet<>();
            for (String id : inner(r.selector())) {
                if (r.from()) {
                    related.addAll(index.pointingAt(id, r.relation()));
                } else {
                    IndexedEntity e = index.get(id);
                    if (e != null) {
                        related.addAll(e.from().getOrDefault(r.relation(), List.of()));
                    }
                }
            }
            return related;
        }
        return null;
    }

    private Set<String> inner(EntitySelector s) {
        Set<String> m = inner.get(s);
        if (m == null) {
            m = matches(s);
            inner.put(s, m);
        }
        return m;
    }

    private boolean all(IndexedEntity e, List<Criterion> criteria) {
        for (Criterion c : criteria) {
            if (!test(e, c)) {
                return false;
            }
        }
        return true;
    }

    private boolean test(IndexedEntity e, Criterion c) {
        if (c instanceof EntitySelector.Type t) {
            return e.type().equals(t.type());
        }
        if (c instanceof EntitySelector.EntityIds ids) {
            return ids.ids().contains(e.id());
        }
        if (c instanceof EntitySelector.Name n) {
            return name(e.name(), n);
        }
        if (c instanceof EntitySelector.Tags tags) {
            for (EntitySelector.TagFilter f : tags.tags()) {
                for (EntityTag t : e.tags()) {
                    if (t.matches(f)) {
                        return true;
                    }
                }
            }
            return false;
        }
        if (c instanceof EntitySelector.HealthState h) {
            boolean unhealthy = e.unhealthy() || index.hasOpenProblem(e.id());
            return h.healthy() != unhealthy;
        }
        if (c instanceof EntitySelector.FirstSeen f) {
            long at = e.firstSeen().toEpochMilli();
            return switch (f.op()) {
                case LT -> at < f.millis();
                case LTE -> at <= f.millis();
                case GT -> at > f.millis();
                case GTE -> at >= f.millis();
            };
        }
        if (c instanceof EntitySelector.Relationship r) {
            Set<String> targets = inner(r.selector());
            if (r.from()) {
                for (String id : e.from().getOrDefault(r.relation(), List.of())) {
                    if (targets.contains(id)) {
                        return true;
                    }
                }
                return false;
            }
            for (String id : index.incoming(e.id()).getOrDefault(r.relation(), Set.of())) {
                if (targets.contains(id)) {
                    return true;
                }
            }
            return false;
        }
        if (c instanceof EntitySelector.Not n) {
            return !test(e, n.criterion());
        }
        throw new IllegalStateException("unknown criterion " + c);
    }

    private static boolean name(String name, EntitySelector.Name n) {
        String have = n.caseSensitive() ? name : name.toLowerCase(Locale.ROOT);
        for (String v : n.values()) {
            String want = n.caseSensitive() ? v : v.toLowerCase(Locale.ROOT);
            boolean ok = switch (n.op()) {
                case CONTAINS -> have.contains(want);
                case EQUALS, IN -> have.equals(want);
                case STARTS_WITH -> have.startsWith(want);
            };
            if (ok) {
                return true;
            }
        }
        return false;
    }
}
