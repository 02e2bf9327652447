package dev.vigil.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.service.Service;
import dev.vigil.service.ServicePath;
import dev.vigil.service.StorageLevel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Seed 000's "loud over silent" path and storage rules, one by one. */
class ServicePathsTest {
    private static final Instant NOW = Instant.parse("2025-01-15T12:00:00Z");

    private static String normalize(String raw, List<String> warnings) {
        return ServicePaths.normalize(raw, warnings).text();
    }

    @Test
    void aFiveSegmentPathIsKeptWithoutWarnings() {
        List<String> w = new ArrayList<>();
        ServicePaths.Normalized n = ServicePaths.normalize("myorg/infra/prod/baremetal/galera-node1", w);
        assertThat(n.text()).isEqualTo("myorg/infra/prod/baremetal/galera-node1");
        assertThat(n.misconfigured()).isFalse();
        assertThat(w).isEmpty();
    }

    @Test
    void missingAndShortPathsArePaddedUnderUnknown() {
        List<String> w = new ArrayList<>();
        assertThat(normalize(null, w)).isEqualTo("unknown/unknown/unknown/unknown/unknown");
        assertThat(normalize("  ", w)).isEqualTo("unknown/unknown/unknown/unknown/unknown");
        assertThat(normalize("galera-node1", w)).isEqualTo("unknown/unknown/unknown/unknown/galera-node1");
        assertThat(normalize("a/b/c/d", w)).isEqualTo("unknown/unknown/unknown/unknown/d");
        assertThat(normalize("///", w)).isEqualTo("unknown/unknown/unknown/unknown/unknown");
        assertThat(w).filteredOn(s -> s.contains("recorded under unknown/unknown/unknown/unknown/")).hasSize(5);
        assertThat(ServicePaths.normalize("a/b", new ArrayList<>()).misconfigured()).isTrue();
    }

    @Test
    void emptySegmentsAreDroppedAndLongPathsFolded() {
        List<String> w = new ArrayList<>();
        assertThat(normalize("a//b/c/d/e/", w)).isEqualTo("a/b/c/d/e");
        assertThat(w).singleElement().asString().contains("empty segments");
        w.clear();
        assertThat(normalize("a/b/c/d/e/f/g", w)).isEqualTo("a/b/c/d/e-f-g");
        assertThat(w).singleElement().asString().contains("7 segments");
        w.clear();
        assertThat(normalize(" a / b /c/d/e", w)).isEqualTo("a/b/c/d/e"); // blanks around segments are trimmed
        assertThat(w).isEmpty();
    }

    @Test
    void controlCharactersAndOverlongSegmentsAreReplacedOrCut() {
        List<String> w = new ArrayList<>();
        String p = normalize("a/b/c/d/e\tf", w);
        assertThat(p).isEqualTo("a/b/c/d/e\uFFFDf");
        assertThat(w).isNotEmpty();
        assertThat(ServicePath.parse(p).service()).isEqualTo("e\uFFFDf");
        String longSegment = "x".repeat(300);
        assertThat(ServicePath.parse(normalize("a/b/c/d/" + longSegment, w)).service()).hasSize(200);
    }

    @Test
    void theStrictParserRefusesAnythingButFiveSegments() {
        assertThatThrownBy(() -> ServicePath.parse("a/b/c/d")).hasMessageContaining("five segments");
        assertThatThrownBy(() -> ServicePath.parse("a/b//d/e")).hasMessageContaining("env segment");
        assertThatThrownBy(() -> ServicePath.parse("a/b/c/d/e/f")).hasMessageContaining("five segments");
        assertThat(ServicePath.parse("a/b/c/d/e").toString()).isEqualTo("a/b/c/d/e");
    }

    private static Service.Storage facet(Service.Storage old, Long allocated, Long used, Double free,
            List<String> w) {
        return ServiceService.storageFacet(old, allocated, used, free, null, null, NOW, w);
    }

    @Test
    void storageLevelBoundaries() {
        List<String> w = new ArrayList<>();
        assertThat(facet(null, 100L, 70L, null, w).level()).isEqualTo(StorageLevel.WARNING); // exactly 30 %
        assertThat(facet(null, 10_000L, 6_999L, null, w).level()).isEqualTo(StorageLevel.HEALTHY); // 30.01 %
        assertThat(facet(null, 100L, 90L, null, w).level()).isEqualTo(StorageLevel.WARNING); // exactly 10 %
        assertThat(facet(null, 10_000L, 9_001L, null, w).level()).isEqualTo(StorageLevel.CRITICAL); // 9.99 %
        assertThat(w).isEmpty();
        assertThat(facet(null, null, null, 30.0, w).level()).isEqualTo(StorageLevel.WARNING);
        assertThat(facet(null, null, null, 9.9, w).level()).isEqualTo(StorageLevel.CRITICAL);
    }

    @Test
    void usedAboveAllocatedIsClampedAndZeroAllocatedIsUnknown() {
        List<String> w = new ArrayList<>();
        Service.Storage s = facet(null, 100L, 150L, null, w);
        assertThat(s.usedBytes()).isEqualTo(100L);
        assertThat(s.freePercent()).isEqualTo(0.0);
        assertThat(s.level()).isEqualTo(StorageLevel.CRITICAL);
        assertThat(w).singleElement().asString().contains("clamped");
        w.clear();
        Service.Storage zero = facet(null, 0L, 0L, 50.0, w);
        assertThat(zero.level()).isEqualTo(StorageLevel.UNKNOWN);
        assertThat(w).singleElement().asString().contains("allocatedBytes is 0");
    }

    @Test
    void bytesWinOverADisagreeingPercentageAndFieldsLeftOutKeepTheirValue() {
        List<String> w = new ArrayList<>();
        Service.Storage s = facet(null, 200L, 50L, 10.0, w); // bytes say 75 %
        assertThat(s.freePercent()).isEqualTo(75.0);
        assertThat(s.level()).isEqualTo(StorageLevel.HEALTHY);
        assertThat(w).singleElement().asString().contains("the bytes win");
        w.clear();
        assertThat(facet(null, 200L, 50L, 75.9, w).freePercent()).isEqualTo(75.0); // within a point: no warning
        assertThat(w).isEmpty();
        Service.Storage next = facet(s, null, 190L, null, w); // only usedBytes: the stored allocation stays
        assertThat(next.allocatedBytes()).isEqualTo(200L);
        assertThat(next.freePercent()).isEqualTo(5.0);
        assertThat(next.level()).isEqualTo(StorageLevel.CRITICAL);
        w.clear();
        assertThat(facet(null, null, null, null, w).level()).isEqualTo(StorageLevel.UNKNOWN);
        assertThat(w).singleElement().asString().contains("unknown");
    }

    @Test
    void durationsAreFormattedAsUsersWriteThem() {
        assertThat(Durations.format(java.time.Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(Durations.format(java.time.Duration.ofHours(26))).isEqualTo("1d2h");
        assertThat(Durations.format(java.time.Duration.ofSeconds(5400))).isEqualTo("1h30m");
        assertThat(Durations.format(java.time.Duration.ofMillis(5))).isEqualTo("5ms");
    }
}
