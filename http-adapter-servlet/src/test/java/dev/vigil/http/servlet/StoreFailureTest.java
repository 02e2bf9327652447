package dev.vigil.http.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.spi.StoreUnavailableException;
import dev.vigil.spi.VigilStore;
import dev.vigil.store.memory.MemoryStore;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** An unreachable store gives 503 (and /readyz says so); a failing one gives the seed's 500, without details. */
class StoreFailureTest extends ServletTestBase {
    private volatile Mode mode = Mode.OK;

    enum Mode {
        OK,
        UNAVAILABLE,
        BROKEN
    }

    @Override
    protected String mapping() {
        return "/monitoring/*";
    }

    @Override
    protected VigilStore store() {
        mode = Mode.OK;
        MemoryStore delegate = new MemoryStore();
        return new FailingStore(delegate, this::check);
    }

    private void check() {
        if (mode == Mode.UNAVAILABLE) {
            throw new StoreUnavailableException("connection refused: db.internal:5432");
        }
        if (mode == Mode.BROKEN) {
            throw new IllegalStateException("corrupt row at db.internal:5432");
        }
    }

    @Test
    void unavailableStoreIs503() {
        JsonNode m = createDailyBackup();
        mode = Mode.UNAVAILABLE;
        HttpResponse<String> push = get(pushPath(m));
        assertThat(error(push, 503)).isEqualTo("Storage is unavailable; try again later");
        assertThat(push.headers().firstValue("Retry-After")).contains("5");
        assertThat(error(adminGet("/api/v1/monitors"), 503)).doesNotContain("db.internal");
        HttpResponse<String> ready = get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).isEqualTo("{\"status\":\"unavailable\",\"error\":\"Storage is unavailable\"}");
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        mode = Mode.OK;
        assertThat(get(pushPath(m)).statusCode()).isEqualTo(200);
        assertThat(get("/readyz").statusCode()).isEqualTo(200);
    }

    @Test
    void internalFailureIsTheSeeds500() {
        JsonNode m = createDailyBackup();
        mode = Mode.BROKEN;
        HttpResponse<String> push = postJson(pushPath(m), "{\"status\":\"success\"}");
        assertThat(push.statusCode()).isEqualTo(500);
        assertThat(push.body()).isEqualTo("{\"error\":\"Internal server error\"}");
        assertThat(adminGet("/api/v1/monitors/1").body()).isEqualTo("{\"error\":\"Internal server error\"}");
        mode = Mode.OK;
    }
}
