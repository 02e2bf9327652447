package dev.vigil.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.http.VigilHttp;
import dev.vigil.model.Transition;
import dev.vigil.spi.VigilStore;
import dev.vigil.testkit.FaultyStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every curl of seed 004, run with the real {@code curl} binary against real Jetty, unchanged but for the host and
 * the first example's id (the seed's {@code cd92421e...} is not the MD5 of its pattern under any rule; Canopsis'
 * rule gives {@code dee45902...}). Also check events, the seed's error bodies, and a store that fails.
 */
public abstract class SeedHeartbeatTests extends HttpApiTestBase {
    public static final String C1_ID = "dee45902d176471ef5cf5c281fc3b83b";
    public static final String C2_ID = "3d071cb49acce44040b35ed8c6714ef1";
    private FaultyStore faulty;

    @Override
    protected VigilStore store() {
        faulty = new FaultyStore(createStore());
        return faulty;
    }

    @Override
    protected VigilHttp.Builder configure(VigilHttp.Builder http) {
        return super.configure(http).basicAuth("root", "root");
    }

    record Curl(int status, String body) {
    }

    /** Runs curl with the seed's arguments, {@code <Canopsis_URL>} pointing at the test server. */
    Curl curl(String... args) {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20", "-w", "\n%{http_code}"));
        String host = base.substring("http://".length());
        for (String a : args) {
            cmd.add(a.replace("<Canopsis_URL>", host));
        }
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readAllBytes();
            }
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String text = new String(out, StandardCharsets.UTF_8);
            int nl = text.lastIndexOf('\n');
            return new Curl(Integer.parseInt(text.substring(nl + 1).trim()), text.substring(0, nl));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Curl createC1() {
        return curl("-X", "POST", "-u", "root:root", "-H", "Content-Type: application/json", "-d", """
                {
                  "pattern": {
                      "connector": "c1",
                      "connector_name": "connector1"
                  },
                  "expected_interval": "10s"
                }""", "http://<Canopsis_URL>/api/v2/heartbeat");
    }

    private Curl createC2() {
        return curl("-X", "POST", "-u", "root:root", "-H", "Content-Type: application/json", "-d",
                "{\"pattern\": {\"connector\": \"c2\", \"connector_name\": \"connector2\"}, \"expected_interval\": \"15m\"}",
                "http://<Canopsis_URL>/api/v2/heartbeat");
    }

    @Test
    void createGetListAndDeleteExactlyAsTheSeed() {
        Curl created = createC1();
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.body()).isEqualTo("{\"name\":\"heartbeat created\",\"description\":\"" + C1_ID + "\"}");

        clock.advance(Duration.ofSeconds(1));
        Curl second = createC2();
        assertThat(second.body()).isEqualTo("{\"name\":\"heartbeat created\",\"description\":\"" + C2_ID + "\"}");

        // curl -X GET -u root:root 'http://<Canopsis_URL>/api/v2/heartbeat/cd92421e77f48435d38b3682beb62f07'
        Curl one = curl("-X", "GET", "-u", "root:root", "http://<Canopsis_URL>/api/v2/heartbeat/" + C1_ID);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body()).isEqualTo("{\"_id\":\"" + C1_ID + "\",\"pattern\":{\"connector\":\"c1\","
                + "\"connector_name\":\"connector1\"},\"expected_interval\":\"10s\"}");

        // curl -X GET -u root:root 'http://<Canopsis_URL>/api/v2/heartbeat/'
        String all = "[{\"_id\":\"" + C1_ID + "\",\"pattern\":{\"connector\":\"c1\",\"connector_name\":\"connector1\"},"
                + "\"expected_interval\":\"10s\"},{\"_id\":\"" + C2_ID + "\",\"pattern\":{\"connector\":\"c2\","
                + "\"connector_name\":\"connector2\"},\"expected_interval\":\"15m\"}]";
        Curl list = curl("-X", "GET", "-u", "root:root", "http://<Canopsis_URL>/api/v2/heartbeat/");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).isEqualTo(all);
        assertThat(curl("-u", "root:root", "http://<Canopsis_URL>/api/v2/heartbeat").body()).isEqualTo(all);

        // curl -X DEL -u root:root 'http://<Canopsis_URL>/api/v2/heartbeat/cd92421e77f48435d38b3682beb62f07'
        Curl removed = curl("-X", "DEL", "-u", "root:root", "http://<Canopsis_URL>/api/v2/heartbeat/" + C1_ID);
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.body()).isEqualTo("{\"name\":\"heartbeat removed\",\"description\":\"" + C1_ID + "\"}");

        String notFound = "{\"description\":\"heartbeat not found\",\"name\":\"" + C1_ID + "\"}";
        Curl again = curl("-X", "DEL", "-u", "root:root", "http://<Canopsis_URL>/api/v2/heartbeat/" + C1_ID);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.body()).isEqualTo(notFound);
        Curl gone = curl("-X", "GET", "-u", "root:root", "http://<Canopsis_URL>/api/v2/heartbeat/" + C1_ID);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.body()).isEqualTo(notFound);
        String longId = "a".repeat(100);
        Curl unknown = curl("-u", "root:root", "http://<Canopsis_URL>/api/v2/heartbeat/" + longId);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"description\":\"heartbeat not found\",\"name\":\"" + longId + "\"}");
        assertThat(curl("-X", "DELETE", "-u", "root:root", "http://<Canopsis_URL>/api/v2/heartbeat/" + C2_ID)
                .status()).isEqualTo(200);
        assertThat(curl("-u", "root:root", "http://<Canopsis_URL>/api/v2/heartbeat/").body()).isEqualTo("[]");
    }

    @Test
    void invalidPayloadsAndDuplicatesGetTheSeedsBodies() {
        String invalid = "{\"name\":\"\",\"description\":\"invalid heartbeat payload.\"}";
        for (String body : List.of("not json", "", "[]", "{}", "{\"pattern\":{},\"expected_interval\":\"10s\"}",
                "{\"pattern\":{\"connector\":1},\"expected_interval\":\"10s\"}",
                "{\"pattern\":{\"connector\":\"c1\"}}",
                "{\"pattern\":{\"connector\":\"c1\"},\"expected_interval\":\"1h30m\"}",
                "{\"pattern\":{\"connector\":\"c1\"},\"expected_interval\":\"500ms\"}",
                "{\"pattern\":{\"connector\":\"c1\"},\"expected_interval\":\"2d\"}",
                "{\"pattern\":{\"connector\":\"c1\"},\"expected_interval\":\"10\"}",
                "{\"pattern\":{\"connector\":\"c1\"},\"expected_interval\":10}",
                "{\"pattern\":{\"connector\":\"c1\"},\"expected_interval\":\"0s\"}",
                "{\"pattern\":\"connector=c1\",\"expected_interval\":\"10s\"}")) {
            Curl r = curl("-X", "POST", "-u", "root:root", "-H", "Content-Type: application/json", "-d", body,
                    "http://<Canopsis_URL>/api/v2/heartbeat");
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.body()).as(body).isEqualTo(invalid);
        }
        assertThat(vigil.heartbeats().list()).isEmpty(); // nothing half-written

        // unknown top-level fields are ignored, as in Canopsis
        Curl extra = curl("-X", "POST", "-u", "root:root", "-d",
                "{\"pattern\":{\"connector\":\"c1\",\"connector_name\":\"connector1\"},\"expected_interval\":\"10s\","
                        + "\"author\":\"root\"}", "http://<Canopsis_URL>/api/v2/heartbeat");
        assertThat(extra.status()).isEqualTo(200);
        Curl dup = createC1();
        assertThat(dup.status()).isEqualTo(400);
        assertThat(dup.body()).isEqualTo("{\"name\":\"\",\"description\":\"heartbeat pattern already exists\"}");
    }

    @Test
    void missingOrWrongCredentialsAre401InTheSeedsEnvelope() {
        for (List<String> auth : List.of(List.<String>of(), List.of("-u", "root:wrong"), List.of("-u", "admin:root"))) {
            List<String> args = new ArrayList<>(auth);
            args.add("http://<Canopsis_URL>/api/v2/heartbeat/");
            Curl r = curl(args.toArray(new String[0]));
            assertThat(r.status()).isEqualTo(401);
            assertThat(json(r.body()).get("name").asText()).isEmpty();
            assertThat(json(r.body()).get("description").asText()).isNotEmpty();
            assertThat(json(r.body()).size()).isEqualTo(2);
        }
        Curl event = curl("-X", "POST", "-d", "{}", "http://<Canopsis_URL>/api/v2/event");
        assertThat(event.status()).isEqualTo(401);
        assertThat(json(event.body()).get("name").asText()).isEmpty();
    }

    @Test
    void checkEventsAreSignalsThatHeartbeatsMatch() {
        assertThat(createC1().status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(11));
        vigil.tick();
        assertThat(vigil.heartbeats().history(C1_ID, 10)).extracting(Transition::to).containsExactly("ALERT");

        String ok = "{\"connector\":\"c1\",\"connector_name\":\"connector1\",\"event_type\":\"check\","
                + "\"source_type\":\"resource\",\"component\":\"host1\",\"resource\":\"disk\",\"state\":0,"
                + "\"output\":\"all good\",\"timestamp\":1736942400}";
        String bad = "{\"connector\":\"c1\",\"connector_name\":\"connector1\",\"event_type\":\"check\","
                + "\"source_type\":\"resource\",\"component\":\"host1\",\"state\":7}";
        Curl r = curl("-X", "POST", "-u", "root:root", "-H", "Content-Type: application/json", "-d",
                "[" + ok + "," + bad + "]", "http://<Canopsis_URL>/api/v2/event");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"sent_events\":[" + ok + "],\"failed_events\":[" + bad
                + "],\"retry_events\":[]}");
        vigil.tick();
        assertThat(vigil.heartbeats().history(C1_ID, 10)).extracting(Transition::to).containsExactly("OK", "ALERT");

        Curl single = curl("-X", "POST", "-u", "root:root", "-d", ok, "http://<Canopsis_URL>/api/v2/event");
        assertThat(single.body()).isEqualTo("{\"sent_events\":[" + ok + "],\"failed_events\":[],\"retry_events\":[]}");

        Curl malformed = curl("-X", "POST", "-u", "root:root", "-d", "{\"connector\":", "http://<Canopsis_URL>/api/v2/event");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(json(malformed.body()).size()).isEqualTo(1);
        assertThat(json(malformed.body()).get("description").asText()).startsWith("malformed JSON : ");
    }

    @Test
    void aFailingStoreGivesTheSeedsDatabaseErrorBodies() {
        assertThat(createC1().status()).isEqualTo(200);
        for (FaultyStore.Mode mode : List.of(FaultyStore.Mode.UNAVAILABLE, FaultyStore.Mode.BROKEN)) {
            faulty.mode(mode);
            String withName = "{\"name\":\"\",\"description\":\"database error, please contact your administrator.\"}";
            String without = "{\"description\":\"database error, please contact your administrator.\"}";
            Curl post = createC2();
            assertThat(post.status()).as(mode.name()).isEqualTo(400);
            assertThat(post.body()).isEqualTo(withName);
            Curl del = curl("-X", "DEL", "-u", "root:root", "http://<Canopsis_URL>/api/v2/heartbeat/" + C1_ID);
            assertThat(del.status()).isEqualTo(400);
            assertThat(del.body()).isEqualTo(withName);
            Curl one = curl("-X", "GET", "-u", "root:root", "http://<Canopsis_URL>/api/v2/heartbeat/" + C1_ID);
            assertThat(one.status()).isEqualTo(400);
            assertThat(one.body()).isEqualTo(without);
            Curl all = curl("-X", "GET", "-u", "root:root", "http://<Canopsis_URL>/api/v2/heartbeat/");
            assertThat(all.status()).isEqualTo(400);
            assertThat(all.body()).isEqualTo(without);
            assertThat(all.body()).doesNotContain("db.internal");
        }
        faulty.mode(FaultyStore.Mode.OK);
        assertThat(vigil.heartbeats().list()).singleElement() // nothing lost, nothing half-written
                .satisfies(h -> assertThat(h.id()).isEqualTo(C1_ID));
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
