package dev.vigil.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.vigil.http.HttpRequest;
import dev.vigil.http.HttpResponse;
import dev.vigil.http.Route;
import dev.vigil.http.RouteFamily;
import dev.vigil.http.VigilHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The check that {@code GET /openapi.yaml} documents exactly the routes a {@link VigilHttp} serves: every registered
 * route (method and path template, from {@link VigilHttp#families()}) is in the document, and the document has
 * nothing that is not registered. A module contributing a route family runs it with its family mounted, so a route
 * it adds without documenting it (in {@code META-INF/vigil/openapi/<family name>.yaml}) fails its build:
 *
 * <pre>{@code
 * OpenApiContract.assertDocumentsEveryRoute(VigilHttp.builder(vigil).family(myFamily).build());
 * }</pre>
 */
public final class OpenApiContract {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");

    private OpenApiContract() {
    }

    /** The document {@code http} serves, parsed. */
    public static JsonNode document(VigilHttp http) {
        HttpResponse r = http.handle(HttpRequest.builder("GET", "/openapi.yaml").build());
        assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
        assertThat(r.headers().get("Content-Type")).startsWith("application/yaml");
        try {
            return new YAMLMapper().readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code "GET /api/push/{monitor_id}/{secret_key}"}, ...: every route registered. */
    public static Set<String> registered(VigilHttp http) {
        Set<String> out = new TreeSet<>();
        for (RouteFamily f : http.families()) {
            for (Route r : f.routes()) {
                out.add(r.method().toUpperCase(Locale.ROOT) + " " + r.template());
            }
        }
        return out;
    }

    /** The same for every operation in a document's {@code paths}. */
    public static Set<String> documented(JsonNode document) {
        Set<String> out = new TreeSet<>();
        for (Iterator<java.util.Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            java.util.Map.Entry<String, JsonNode> p = paths.next();
            for (Iterator<String> keys = p.getValue().fieldNames(); keys.hasNext();) {
                String key = keys.next();
                if (METHODS.contains(key)) {
                    out.add(key.toUpperCase(Locale.ROOT) + " " + p.getKey());
                }
            }
        }
        return out;
    }

    /** Fails, naming them, when a registered route is not documented or a documented one is not registered. */
    public static void assertDocumentsEveryRoute(VigilHttp http) {
        Set<String> registered = registered(http);
        Set<String> documented = documented(document(http));
        Set<String> missing = new TreeSet<>(registered);
        missing.removeAll(documented);
        Set<String> stale = new TreeSet<>(documented);
        stale.removeAll(registered);
        assertThat(missing).as("routes registered but missing from /openapi.yaml").isEmpty();
        assertThat(stale).as("routes in /openapi.yaml that are not registered").isEmpty();
    }
}
