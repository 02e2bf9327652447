package dev.vigil.entity;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A parsed entity selector (Dynatrace's language): criteria joined by commas, all of which must hold. Parse one
 * with {@link #parse}; a malformed text throws {@link SelectorSyntaxException} naming the position and what was
 * expected there.
 *
 * <pre>{@code
 * EntitySelector s = EntitySelector.parse(
 *         "type(HOST),fromRelationship.isInstanceOf(type(HOST_GROUP),entityName(cloud-burst-hosts))");
 * }</pre>
 *
 * <p>Grammar (whitespace is allowed around names and punctuation; values keep inner spaces):
 * <pre>
 * selector   := criterion ("," criterion)*
 * criterion  := "type(" value ")" | "entityId(" values ")" | "entityName" ["." ("equals"|"startsWith"|"in")]
 *               "(" values ")" | "caseSensitive(" nameCriterion ")" | "tag(" values ")" | "healthState(" value ")"
 *               | "firstSeenTms." ("lt"|"lte"|"gt"|"gte") "(" millis ")"
 *               | ("fromRelationship"|"fromRelationships"|"toRelationship"|"toRelationships") "." rel "(" selector ")"
 *               | "not(" criterion ")"
 * values     := value ("," value)*
 * value      := '"' (char | "~" char)* '"' | (char other than , ( ) " | "~" char)+
 * </pre>
 * One of {@code type(…)} and {@code entityId(…)} is required; at most one {@code type(…)}, never inside
 * {@code not(…)}; {@code entityName} matches case-insensitively unless wrapped in {@code caseSensitive(…)}; a tag
 * is {@code [context]key:value}, {@code key:value} or {@code key} ({@code \:} is a colon inside the key); several
 * values of one criterion are alternatives (OR). At most {@value #MAX_LENGTH} characters.
 *
 * @param text     the selector as given
 * @param type     the entity type it selects (upper case), or null when it selects by {@code entityId} alone
 * @param criteria all criteria, in order (including the {@code type} one)
 */
public record EntitySelector(String text, @Nullable String type, List<Criterion> criteria) {
    /** The longest selector accepted. */
    public static final int MAX_LENGTH = 2000;

    public EntitySelector {
        Objects.requireNonNull(text, "text");
        criteria = List.copyOf(criteria);
    }

    /**
     * Parses a selector.
     *
     * @throws SelectorSyntaxException if it is malformed, naming the position and what was expected
     */
    public static EntitySelector parse(String text) {
        Objects.requireNonNull(text, "selector");
        return new SelectorParser(text).parseSelector();
    }

    /** One criterion of a selector. */
    public sealed interface Criterion permits Type, EntityIds, Name, Tags, HealthState, FirstSeen, Relationship, Not {
    }

    /** {@code type(HOST)}. */
    public record Type(String type) implements Criterion {
    }

    /** {@code entityId(HOST-…, HOST-…)}: any of the ids. */
    public record EntityIds(List<String> ids) implements Criterion {
        public EntityIds {
            ids = List.copyOf(ids);
        }
    }

    /** How {@code entityName} compares. */
    public enum NameOp {
        /** {@code entityName(x)}: the name contains x. */
        CONTAINS,
        /** {@code entityName.equals(x)}. */
        EQUALS,
        /** {@code entityName.startsWith(x)}. */
        STARTS_WITH,
        /** {@code entityName.in(x, y)}: equals one of them. */
        IN
    }

    /** {@code entityName[.op](values)}, any value matching; case-insensitive unless {@code caseSensitive(…)}. */
    public record Name(NameOp op, List<String> values, boolean caseSensitive) implements Criterion {
        public Name {
            values = List.copyOf(values);
        }
    }

    /** One tag filter: {@code [context]key:value}; context and value null when not given. */
    public record TagFilter(@Nullable String context, String key, @Nullable String value) {
    }

    /** {@code tag(a, b)}: the entity has a tag matching any of the filters. */
    public record Tags(List<TagFilter> tags) implements Criterion {
        public Tags {
            tags = List.copyOf(tags);
        }
    }

    /** {@code healthState(HEALTHY|UNHEALTHY)}. */
    public record HealthState(boolean healthy) implements Criterion {
    }

    /** How {@code firstSeenTms} compares. */
    public enum Comparison {
        LT, LTE, GT, GTE
    }

    /** {@code firstSeenTms.lt(millis)} and the like. */
    public record FirstSeen(Comparison op, long millis) implements Criterion {
    }

    /**
     * {@code fromRelationships.<relation>(selector)} ({@code from} true): the entity has a relationship of that name
     * to an entity the inner selector matches; {@code toRelationships.<relation>(selector)}: an entity the inner
     * selector matches has that relationship to it.
     */
    public record Relationship(boolean from, String relation, EntitySelector selector) implements Criterion {
    }

    /** {@code not(criterion)}. */
    public record Not(Criterion criterion) implements Criterion {
    }
}
