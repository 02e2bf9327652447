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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 *
 * <p>Every {@code POST} of every family honours an {@code Idempotency-Key} header (core's router does it), so the
 * check also requires every documented {@code POST} to say so (see {@link #assertPostsDocumentIdempotencyKey}).
 */
public final class OpenApiContract {
    /** The parameter every documented {@code POST} references. */
    public static final String IDEMPOTENCY_KEY_REF = "#/components/parameters/IdempotencyKey";
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
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> p = paths.next();
            for (Iterator<String> keys = p.getValue().fieldNames(); keys.hasNext();) {
                String key = keys.next();
                if (METHODS.contains(key)) {
                    out.add(key.toUpperCase(Locale.ROOT) + " " + p.getKey());
                }
            }
        }
        return out;
    }

    /**
     * Fails, naming them, when a registered route is not documented, a documented one is not registered, or a
     * documented {@code POST} does not document its {@code Idempotency-Key}.
     */
    public static void assertDocumentsEveryRoute(VigilHttp http) {
        assertDocumentsEveryRoute(http, document(http));
    }

    /**
     * The same for a document fetched some other way, e.g. over HTTP from a running server: every route {@code http}
     * registers is in {@code document}, which has nothing else, and every {@code POST} documents its key.
     */
    public static void assertDocumentsEveryRoute(VigilHttp http, JsonNode document) {
        Set<String> registered = registered(http);
        Set<String> documented = documented(document);
        Set<String> missing = new TreeSet<>(registered);
        missing.removeAll(documented);
        Set<String> stale = new TreeSet<>(documented);
        stale.removeAll(registered);
        assertThat(missing).as("routes registered but missing from /openapi.yaml").isEmpty();
        assertThat(stale).as("routes in /openapi.yaml that are not registered").isEmpty();
        assertPostsDocumentIdempotencyKey(document);
    }

    /**
     * Fails, naming each, when a documented {@code POST} does not reference {@value #IDEMPOTENCY_KEY_REF} (in its
     * own or its path's parameters), lacks a {@code 409} (a request with the key still running) or a {@code 422} (the
     * key used with another request), or has a success ({@code 2xx}) response without the
     * {@code Idempotent-Replayed} header; or when the document has no such parameter for the header.
     */
    public static void assertPostsDocumentIdempotencyKey(JsonNode document) {
        assertThat(idempotencyProblems(document)).as("what /openapi.yaml lacks about Idempotency-Key").isEmpty();
    }

    /** What {@link #assertPostsDocumentIdempotencyKey} finds missing, one line each (empty when nothing is). */
    public static List<String> idempotencyProblems(JsonNode document) {
        List<String> out = new ArrayList<>();
        JsonNode key = document.at("/components/parameters/IdempotencyKey");
        if (!key.path("in").asText().equals("header") || !key.path("name").asText().equals("Idempotency-Key")) {
            out.add("components.parameters.IdempotencyKey is not the header Idempotency-Key");
        }
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> p = paths.next();
            JsonNode post = p.getValue().path("post");
            if (post.isMissingNode()) {
                continue;
            }
            String op = "POST " + p.getKey() + ": ";
            if (!references(post.path("parameters")) && !references(p.getValue().path("parameters"))) {
                out.add(op + "no parameter {$ref: '" + IDEMPOTENCY_KEY_REF + "'}");
            }
            JsonNode responses = post.path("responses");
            if (!responses.has("409")) {
                out.add(op + "no 409 response (a request with the same Idempotency-Key has not answered yet)");
            }
            if (!responses.has("422")) {
                out.add(op + "no 422 response (the Idempotency-Key was used with a different request)");
            }
            boolean success = false;
            for (Iterator<Map.Entry<String, JsonNode>> rs = responses.fields(); rs.hasNext();) {
                Map.Entry<String, JsonNode> r = rs.next();
                if (!r.getKey().startsWith("2")) {
                    continue;
                }
                success = true;
                if (!resolve(document, r.getValue()).path("headers").has("Idempotent-Replayed")) {
                    out.add(op + "response " + r.getKey() + " has no Idempotent-Replayed header");
                }
            }
            if (!success) {
                out.add(op + "no 2xx response");
            }
        }
        return out;
    }

    private static boolean references(JsonNode parameters) {
        for (JsonNode p : parameters) {
            if (p.path("$ref").asText().equals(IDEMPOTENCY_KEY_REF)) {
                return true;
            }
        }
        return false;
    }

    /** A response, or the one its {@code $ref} names inside the document. */
    private static JsonNode resolve(JsonNode document, JsonNode node) {
        String ref = node.path("$ref").asText("");
        return ref.startsWith("#/") ? document.at(ref.substring(1)) : node;
    }
}
