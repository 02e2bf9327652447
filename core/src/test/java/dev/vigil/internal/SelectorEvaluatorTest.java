package dev.vigil.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.entity.Entities;
import dev.vigil.entity.EntitySelector;
import dev.vigil.entity.EntityTag;
import dev.vigil.model.SubjectRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SelectorEvaluatorTest {
    private final EntityIndex index = new EntityIndex();
    private final String group = Entities.entityId("HOST_GROUP", "cloud-burst-hosts");
    private final String other = Entities.entityId("HOST_GROUP", "steady");

    private static IndexedEntity entity(String type, String name, List<String> tags, Map<String, List<String>> from,
            long firstSeen, boolean unhealthy) {
        String id = Entities.entityId(type, name);
        return new IndexedEntity(id, type, name, tags.stream().map(EntityTag::parse).toList(), Map.of(), from,
                Instant.ofEpochMilli(firstSeen), Instant.ofEpochMilli(firstSeen), SubjectRef.of("entity", id), 1,
                unhealthy);
    }

    @BeforeEach
    void entities() {
        index.put(entity("HOST_GROUP", "cloud-burst-hosts", List.of(), Map.of(), 1, false));
        index.put(entity("HOST_GROUP", "steady", List.of(), Map.of(), 1, false));
        index.put(entity("HOST", "burst-1", List.of("env:prod"), Map.of("isInstanceOf", List.of(group)), 10, false));
        index.put(entity("HOST", "burst-2", List.of("env:staging", "[AWS]zone:a"),
                Map.of("isInstanceOf", List.of(group)), 20, true));
        index.put(entity("HOST", "Steady-1", List.of("env:prod", "pinned"), Map.of("isInstanceOf", List.of(other)),
                30, false));
        index.put(entity("SERVICE", "BookingService", List.of(), Map.of("runsOn",
                List.of(Entities.entityId("HOST", "burst-1"))), 40, false));
    }

    private Set<String> names(String selector) {
        try (EntityIndex.View v = index.read()) {
            Set<String> out = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            for (String id : SelectorEvaluator.evaluate(EntitySelector.parse(selector), v)) {
                out.add(v.get(id).name());
            }
            return out;
        }
    }

    @Test
    void theSeedsRelationshipSelectorReachesExactlyTheGroupsHosts() {
        assertThat(names("type(HOST),fromRelationship.isInstanceOf(type(HOST_GROUP),entityName(cloud-burst-hosts))"))
                .containsExactly("burst-1", "burst-2");
        assertThat(names("type(HOST_GROUP),toRelationships.isInstanceOf(type(HOST),tag(pinned))"))
                .containsExactly("steady");
        assertThat(names("type(SERVICE),fromRelationships.runsOn(type(HOST),fromRelationships.isInstanceOf("
                + "type(HOST_GROUP),entityName.equals(cloud-burst-hosts)))")).containsExactly("BookingService");
        assertThat(names("type(HOST),not(fromRelationships.isInstanceOf(type(HOST_GROUP),entityName(cloud)))"))
                .containsExactly("Steady-1");
    }

    @Test
    void namesAreCaseInsensitiveUnlessCaseSensitive() {
        assertThat(names("type(HOST),entityName.equals(steady-1)")).containsExactly("Steady-1");
        assertThat(names("type(HOST),caseSensitive(entityName.equals(steady-1))")).isEmpty();
        assertThat(names("type(HOST),entityName(BURST)")).containsExactly("burst-1", "burst-2");
        assertThat(names("type(HOST),entityName.startsWith(st)")).containsExactly("Steady-1");
        assertThat(names("type(HOST),entityName.in(burst-1, steady-1, nope)")).containsExactly("burst-1", "Steady-1");
        assertThat(names("type(SERVICE),entityName.equals(BookingService)")).containsExactly("BookingService");
        assertThat(names("type(HOST),entityName.equals(BookingService)")).isEmpty();
    }

    @Test
    void tagsHealthFirstSeenAndIds() {
        assertThat(names("type(HOST),tag(env:prod)")).containsExactly("burst-1", "Steady-1");
        assertThat(names("type(HOST),tag(env:staging, pinned)")).containsExactly("burst-2", "Steady-1");
        assertThat(names("type(HOST),tag(env)")).hasSize(3);
        assertThat(names("type(HOST),tag([AWS]zone:a)")).containsExactly("burst-2");
        assertThat(names("type(HOST),tag([GCP]zone:a)")).isEmpty();
        assertThat(names("type(HOST),healthState(UNHEALTHY)")).containsExactly("burst-2");
        index.problem(Entities.entityId("HOST", "burst-1"), "p1", true);
        assertThat(names("type(HOST),healthState(HEALTHY)")).containsExactly("Steady-1");
        index.problem(Entities.entityId("HOST", "burst-1"), "p1", false);
        assertThat(names("type(HOST),firstSeenTms.gt(10)")).containsExactly("burst-2", "Steady-1");
        assertThat(names("type(HOST),firstSeenTms.lte(20)")).containsExactly("burst-1", "burst-2");
        assertThat(names("entityId(" + Entities.entityId("HOST", "burst-2") + ",HOST-0000000000000000)"))
                .containsExactly("burst-2");
        assertThat(names("type(SERVICE),entityId(" + Entities.entityId("HOST", "burst-2") + ")")).isEmpty();
    }

    @Test
    void removalAndReplacementKeepTheIndexesRight() {
        index.put(entity("HOST", "burst-1", List.of("env:dev"), Map.of(), 10, false));
        assertThat(names("type(HOST),tag(env:prod)")).containsExactly("Steady-1");
        assertThat(names("type(HOST),fromRelationship.isInstanceOf(type(HOST_GROUP),entityName(cloud-burst-hosts))"))
                .containsExactly("burst-2");
        index.remove(Entities.entityId("HOST", "burst-2"));
        assertThat(names("type(HOST),fromRelationship.isInstanceOf(type(HOST_GROUP),entityName(cloud-burst-hosts))"))
                .isEmpty();
        assertThat(Entities.entityId("HOST", "burst-1")).matches("HOST-[0-9A-F]{16}")
                .isEqualTo(Entities.entityId("HOST", "burst-1"));
        assertThat(Entities.isEntityId(Entities.entityId("CUSTOM_DEVICE_GROUP", "x"))).isTrue();
    }
}
