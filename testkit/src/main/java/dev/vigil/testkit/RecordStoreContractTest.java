package dev.vigil.testkit;

import static dev.vigil.testkit.ContractFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.spi.AppendedRecord;
import dev.vigil.spi.RecordQuery;
import dev.vigil.spi.Rollup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The {@link dev.vigil.spi.RecordStore} contract: appending (ignoring duplicates), finding, querying newest first
 * with keyset paging, roll-up upserts and ranges (of one key and of many), and pruning.
 *
 * <p>A store module runs it by extending it and implementing {@link #createStore()}:
 * <pre>{@code
 * class MyStoreRecordStoreContractTest extends RecordStoreContractTest {
 *     protected VigilStore createStore() { return new MyStore(...); } // a fresh, empty store
 * }
 * }</pre>
 */
public abstract class RecordStoreContractTest extends StoreContract {
    private static final Instant FROM = T0.minusSeconds(3600);
    private static final Instant TO = T0.plusSeconds(3600);

    private static AppendedRecord rec(String stream, String id, String key, Instant at, @Nullable String tag) {
        return new AppendedRecord(stream, id, key, at, tag, "{\"id\":\"" + id + "\",\"text\":\"\u00e9\u2713\"}");
    }

    private static AppendedRecord event(String id, String key, int second, @Nullable String tag) {
        return rec("event", id, key, T0.plusSeconds(second), tag);
    }

    private List<String> ids(RecordQuery q) {
        return store.records().query(q).stream().map(AppendedRecord::id).toList();
    }

    private static RecordQuery query(@Nullable String key, @Nullable String tag, int limit) {
        return new RecordQuery("event", key, tag, FROM, TO, null, limit);
    }

    private void appendFixture() {
        store.records().append(List.of(
                event("e1", "host-a", 1, "ERROR_EVENT"),
                event("e2", "host-b", 2, "CUSTOM_INFO"),
                event("e3", "host-a", 3, "CUSTOM_INFO"),
                event("e4", "host-a", 4, null),
                event("e5", "host-b", 5, "ERROR_EVENT"),
                rec("sample", "s1", "host-a", T0.plusSeconds(3), "cpu")));
    }

    @Test
    void appendedRecordsAreFoundAsGiven() {
        AppendedRecord r = event("e1", "host-a", 1, "ERROR_EVENT");
        AppendedRecord untagged = event("e2", "host-a", 2, null);
        store.records().append(List.of(r, untagged));
        assertThat(store.records().find("event", "e1")).contains(r);
        assertThat(store.records().find("event", "e2")).contains(untagged);
        assertThat(store.records().find("event", "nope")).isEmpty();
        assertThat(store.records().find("sample", "e1")).isEmpty();
    }

    @Test
    void aRecordWithAnExistingStreamAndIdIsIgnored() {
        AppendedRecord first = event("e1", "host-a", 1, "A");
        store.records().append(List.of(first));
        store.records().append(List.of(event("e1", "host-b", 9, "B"), event("e2", "host-a", 2, "A")));
        store.records().append(List.of(event("e3", "host-a", 3, null), event("e3", "host-z", 3, null)));
        assertThat(store.records().find("event", "e1")).contains(first);
        assertThat(store.records().find("event", "e3").orElseThrow().key()).isEqualTo("host-a");
        assertThat(ids(query(null, null, 100))).containsExactly("e3", "e2", "e1");
        AppendedRecord sameIdOtherStream = rec("sample", "e1", "host-a", T0, null);
        store.records().append(List.of(sameIdOtherStream));
        assertThat(store.records().find("sample", "e1")).contains(sameIdOtherStream);
    }

    @Test
    void anEmptyAppendDoesNothing() {
        store.records().append(List.of());
        assertThat(ids(query(null, null, 10))).isEmpty();
    }

    @Test
    void queriesOneStreamNewestFirst() {
        appendFixture();
        assertThat(ids(query(null, null, 100))).containsExactly("e5", "e4", "e3", "e2", "e1");
        assertThat(ids(query(null, null, 2))).containsExactly("e5", "e4");
        assertThat(ids(new RecordQuery("sample", null, null, FROM, TO, null, 10))).containsExactly("s1");
        assertThat(ids(new RecordQuery("nothing", null, null, FROM, TO, null, 10))).isEmpty();
    }

    @Test
    void queriesByKeyAndTag() {
        appendFixture();
        assertThat(ids(query("host-a", null, 100))).containsExactly("e4", "e3", "e1");
        assertThat(ids(query(null, "ERROR_EVENT", 100))).containsExactly("e5", "e1");
        assertThat(ids(query("host-a", "CUSTOM_INFO", 100))).containsExactly("e3");
        assertThat(ids(query("host-b", "CUSTOM_INFO", 100))).containsExactly("e2");
        assertThat(ids(query("host-c", null, 100))).isEmpty();
        assertThat(ids(query("host-a", "cpu", 100))).isEmpty();
        assertThat(ids(query("host-a", null, 2))).containsExactly("e4", "e3");
        assertThat(ids(query(null, "ERROR_EVENT", 1))).containsExactly("e5");
    }

    @Test
    void theTimeRangeIncludesFromAndExcludesTo() {
        appendFixture();
        assertThat(ids(new RecordQuery("event", null, null, T0.plusSeconds(2), T0.plusSeconds(4), null, 100)))
                .containsExactly("e3", "e2");
        assertThat(ids(new RecordQuery("event", "host-a", null, T0.plusSeconds(1), T0.plusSeconds(4), null, 100)))
                .containsExactly("e3", "e1");
        assertThat(ids(new RecordQuery("event", null, null, T0.plusSeconds(3), T0.plusSeconds(3), null, 100)))
                .isEmpty();
        assertThat(ids(new RecordQuery("event", null, null, T0.plusSeconds(6), TO, null, 100))).isEmpty();
    }

    @Test
    void pagesWithBeforeThroughRecordsOfTheSameTime() {
        List<AppendedRecord> all = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            all.add(rec("event", "id" + i, "k", T0.plusMillis(i < 4 ? 0 : 250), i % 2 == 0 ? "even" : "odd"));
        }
        store.records().append(all);
        List<String> seen = new ArrayList<>();
        RecordQuery q = new RecordQuery("event", "k", null, FROM, TO, null, 3);
        int pages = 0;
        while (true) {
            List<AppendedRecord> page = store.records().query(q);
            if (page.isEmpty()) {
                break;
            }
            pages++;
            page.forEach(r -> seen.add(r.id()));
            AppendedRecord last = page.get(page.size() - 1);
            q = new RecordQuery("event", "k", null, FROM, TO, last, 3);
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("id6", "id5", "id4", "id3", "id2", "id1", "id0");

        AppendedRecord id4 = all.get(4);
        assertThat(ids(new RecordQuery("event", null, "even", FROM, TO, id4, 10))).containsExactly("id2", "id0");
        assertThat(ids(new RecordQuery("event", null, null, FROM, TO, all.get(0), 10))).isEmpty();
    }

    @Test
    void rollupsAddUpPerBucketAndKey() {
        Instant b0 = T0;
        Instant b1 = T0.plusSeconds(60);
        store.records().addToRollup("rps", "app", b0, Map.of("count", 3.0, "sum", 1.5));
        store.records().addToRollup("rps", "app", b0, Map.of("count", 2.0, "max", 7.0));
        store.records().addToRollup("rps", "app", b1, Map.of("count", 1.0));
        store.records().addToRollup("rps", "other", b0, Map.of("count", 100.0));
        store.records().addToRollup("mem", "app", b0, Map.of("count", 50.0));

        assertThat(store.records().rollups("rps", "app", b0, b1.plusSeconds(60))).containsExactly(
                new Rollup("rps", "app", b0, Map.of("count", 5.0, "sum", 1.5, "max", 7.0)),
                new Rollup("rps", "app", b1, Map.of("count", 1.0)));
        assertThat(store.records().rollups("rps", "other", b0, b1)).containsExactly(
                new Rollup("rps", "other", b0, Map.of("count", 100.0)));
        assertThat(store.records().rollups("mem", "app", b0, b1)).containsExactly(
                new Rollup("mem", "app", b0, Map.of("count", 50.0)));
    }

    @Test
    void aStoreThatCountsRollupUpsertsCountsEachOnePerStream() {
        OptionalLong before = store.records().rollupUpserts("rps");
        store.records().addToRollup("rps", "app", T0, Map.of("count", 1.0));
        store.records().addToRollup("rps", "other", T0.plusSeconds(60), Map.of("count", 1.0, "sum", 2.0));
        store.records().addToRollup("mem", "app", T0, Map.of("count", 1.0));
        OptionalLong after = store.records().rollupUpserts("rps");
        assertThat(after.isPresent()).isEqualTo(before.isPresent()); // a store counts, or it does not
        if (after.isPresent()) {
            assertThat(after.getAsLong() - before.getAsLong()).isEqualTo(2);
            assertThat(store.records().rollupUpserts("nothing")).hasValue(0);
        }
    }

    @Test
    void rollupRangesIncludeFromAndExcludeTo() {
        for (int i = 0; i < 5; i++) {
            store.records().addToRollup("rps", "app", T0.plusSeconds(60L * i), Map.of("count", (double) i));
        }
        assertThat(store.records().rollups("rps", "app", T0.plusSeconds(60), T0.plusSeconds(180)))
                .extracting(Rollup::bucket).containsExactly(T0.plusSeconds(60), T0.plusSeconds(120));
        assertThat(store.records().rollups("rps", "app", T0.plusSeconds(60), T0.plusSeconds(60))).isEmpty();
        assertThat(store.records().rollups("rps", "nobody", T0, TO)).isEmpty();
        assertThat(store.records().rollups("nothing", "app", T0, TO)).isEmpty();
    }

    @Test
    void rollupsOfSeveralKeysAreTheirBucketsInTheRangeByKeyOldestFirst() {
        Instant from = T0;
        Instant to = T0.plusSeconds(120);
        store.records().addToRollup("rps", "a", T0.minusSeconds(60), Map.of("count", 9.0));
        store.records().addToRollup("rps", "a", T0, Map.of("count", 3.0, "sum", 1.5));
        store.records().addToRollup("rps", "a", T0, Map.of("count", 2.0, "sum", 0.25));
        store.records().addToRollup("rps", "a", T0.plusSeconds(60), Map.of("count", 1.0));
        store.records().addToRollup("rps", "a", to, Map.of("count", 9.0));
        // written newest first: the answer is still oldest first
        store.records().addToRollup("rps", "b", T0.plusSeconds(60), Map.of("count", 7.0));
        store.records().addToRollup("rps", "b", T0, Map.of("max", 4.0));
        store.records().addToRollup("rps", "outside", to, Map.of("count", 1.0));
        store.records().addToRollup("rps", "unasked", T0, Map.of("count", 1.0));
        store.records().addToRollup("mem", "nobody", T0, Map.of("count", 1.0));

        Map<String, List<Rollup>> got = store.records().rollupsOf("rps",
                List.of("a", "b", "outside", "nobody", "a"), from, to);

        assertThat(got).as("keys without buckets in the range are absent; a repeated key is answered once")
                .containsOnlyKeys("a", "b");
        assertThat(got.get("a")).containsExactly(
                new Rollup("rps", "a", T0, Map.of("count", 5.0, "sum", 1.75)),
                new Rollup("rps", "a", T0.plusSeconds(60), Map.of("count", 1.0)));
        assertThat(got.get("b")).containsExactly(
                new Rollup("rps", "b", T0, Map.of("max", 4.0)),
                new Rollup("rps", "b", T0.plusSeconds(60), Map.of("count", 7.0)));
        assertThat(got.get("a")).isEqualTo(store.records().rollups("rps", "a", from, to));
        assertThat(store.records().rollupsOf("mem", List.of("a", "b"), from, to)).as("another stream").isEmpty();
        assertThat(store.records().rollupsOf("rps", List.of("a"), from, from)).as("an empty range").isEmpty();
    }

    @Test
    void rollupsOfNoKeysIsEmpty() {
        store.records().addToRollup("rps", "a", T0, Map.of("count", 1.0));
        assertThat(store.records().rollupsOf("rps", List.of(), FROM, TO)).isEmpty();
        assertThat(store.records().rollupsOf("rps", Set.of(), FROM, TO)).isEmpty();
    }

    @Test
    void rollupsOfMoreKeysThanOneQueryTakesFindsEveryKeysBuckets() {
        // 1 200 keys: more than a store answering in chunks (the JDBC store takes 500 a query) puts in one
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            keys.add(String.format("app-%04d", i));
        }
        List<String> withData = List.of("app-0000", "app-0499", "app-0500", "app-0999", "app-1000", "app-1199");
        for (int i = 0; i < withData.size(); i++) {
            store.records().addToRollup("rps", withData.get(i), T0.plusSeconds(60), Map.of("count", i + 1.0));
            store.records().addToRollup("rps", withData.get(i), T0, Map.of("count", 0.5, "sum", (double) i));
        }
        store.records().addToRollup("rps", "app-0700", TO, Map.of("count", 1.0));
        keys.add("app-1199"); // repeated in another chunk

        Map<String, List<Rollup>> got = store.records().rollupsOf("rps", keys, T0, TO);

        assertThat(got).containsOnlyKeys(withData);
        for (int i = 0; i < withData.size(); i++) {
            String key = withData.get(i);
            assertThat(got.get(key)).as(key).containsExactly(
                    new Rollup("rps", key, T0, Map.of("count", 0.5, "sum", (double) i)),
                    new Rollup("rps", key, T0.plusSeconds(60), Map.of("count", i + 1.0)));
        }
    }

    @Test
    void racingRollupUpsertsLoseNoSum() throws Exception {
        ContractFixtures.race(8, () -> {
            for (int i = 0; i < 50; i++) {
                store.records().addToRollup("rps", "app", T0, Map.of("count", 1.0));
            }
            return null;
        });
        assertThat(store.records().rollups("rps", "app", T0, TO)).containsExactly(
                new Rollup("rps", "app", T0, Map.of("count", 400.0)));
    }

    @Test
    void pruneDeletesOneStreamsRecordsAndBucketsOlderThanTheCutoff() {
        appendFixture();
        store.records().addToRollup("event", "host-a", T0, Map.of("count", 1.0));
        store.records().addToRollup("event", "host-a", T0.plusSeconds(60), Map.of("count", 1.0));
        store.records().addToRollup("sample", "host-a", T0, Map.of("count", 1.0));

        assertThat(store.records().prune("event", T0.plusSeconds(3))).isEqualTo(2);
        assertThat(ids(query(null, null, 100))).containsExactly("e5", "e4", "e3");
        assertThat(store.records().find("event", "e1")).isEmpty();
        assertThat(store.records().rollups("event", "host-a", FROM, TO)).extracting(Rollup::bucket)
                .containsExactly(T0.plusSeconds(60));
        assertThat(store.records().find("sample", "s1")).as("another stream").isPresent();
        assertThat(store.records().rollups("sample", "host-a", FROM, TO)).hasSize(1);
        assertThat(store.records().prune("event", T0.plusSeconds(3))).isZero();
        assertThat(store.records().prune("nothing", TO)).isZero();
    }
}
