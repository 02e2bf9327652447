package dev.vigil.http.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.spi.VigilStore;
import dev.vigil.store.memory.MemoryStore;
import dev.vigil.testkit.FaultyStore;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** An unreachable store gives 503 (and /readyz says so); a failing one gives the seed's 500, without details. */
class StoreFailureTest extends ServletTestBase {
    private FaultyStore faulty;

    @Override
    protected String prefix() {
        return "/monitoring";
    }

    @Override
    protected VigilStore store() {
        faulty = new FaultyStore(new MemoryStore());
        return faulty;
    }

    @Test
    void unavailableStoreIs503() {
        JsonNode m = createDailyBackup();
        faulty.mode(FaultyStore.Mode.UNAVAILABLE);
        HttpResponse<String> push = get(pushPath(m));
        assertThat(error(push, 503)).isEqualTo("Storage is unavailable; try again later");
        assertThat(push.headers().firstValue("Retry-After")).contains("5");
        assertThat(error(adminGet("/api/v1/monitors"), 503)).doesNotContain("db.internal");
        HttpResponse<String> ready = get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).isEqualTo("{\"status\":\"unavailable\",\"error\":\"Storage is unavailable\"}");
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        faulty.mode(FaultyStore.Mode.OK);
        assertThat(get(pushPath(m)).statusCode()).isEqualTo(200);
        assertThat(get("/readyz").statusCode()).isEqualTo(200);
    }

    @Test
    void internalFailureIsTheSeeds500() {
        JsonNode m = createDailyBackup();
        faulty.mode(FaultyStore.Mode.BROKEN);
        HttpResponse<String> push = postJson(pushPath(m), "{\"status\":\"success\"}");
        assertThat(push.statusCode()).isEqualTo(500);
        assertThat(push.body()).isEqualTo("{\"error\":\"Internal server error\"}");
        assertThat(adminGet("/api/v1/monitors/1").body()).isEqualTo("{\"error\":\"Internal server error\"}");
        faulty.mode(FaultyStore.Mode.OK);
    }
}
