package dev.vigil.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.vigil.http.HttpResponse;
import dev.vigil.http.Route;
import dev.vigil.http.RouteFamily;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /openapi.yaml}: an OpenAPI 3.1 document of the routes served, public (it tells what any client could find
 * out by trying). It is put together once, at build time, from a base (info, security schemes, shared schemas) and
 * one fragment per mounted route family: the class-path resource {@code META-INF/vigil/openapi/<family name>.yaml},
 * holding {@code paths} and optionally {@code components}. A family from another module documents itself by shipping
 * its fragment; a family without one is simply not in the document (the contract test kit's check fails for it).
 */
public final class OpenApiRoutes {
    /** Where a route family's fragment lives on the class path. */
    public static final String FRAGMENTS = "META-INF/vigil/openapi/";
    public static final String PATH = "/openapi.yaml";
    private static final String BASE = "dev/vigil/http/internal/openapi-base.yaml";
    private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build()).build();

    private final AtomicReference<byte[]> document = new AtomicReference<>(new byte[0]);

    /** The family serving the document; its content is set by {@link #document(List, List)}. */
    public RouteFamily family() {
        return RouteFamily.of("openapi", List.of(Route.open("GET", PATH, ex -> new HttpResponse(200,
                Map.of("Content-Type", "application/yaml; charset=utf-8", "Cache-Control", "no-cache",
                        "X-Content-Type-Options", "nosniff"), document.get()))));
    }

    /**
     * Builds the document of {@code families}, looking for fragments with {@code loaders} (first match wins), and
     * serves it from now on.
     *
     * @throws IllegalArgumentException if a fragment is not valid YAML, has other top-level keys than {@code paths}
     *                                  and {@code components}, or documents a path and method another one does
     */
    public void document(List<RouteFamily> families, List<ClassLoader> loaders) {
        ObjectNode doc = (ObjectNode) read(BASE, OpenApiRoutes.class.getClassLoader());
        ObjectNode paths = doc.withObject("/paths");
        ObjectNode components = doc.withObject("/components");
        for (RouteFamily f : families) {
            JsonNode fragment = null;
            String name = FRAGMENTS + f.name() + ".yaml";
            for (ClassLoader loader : candidates(f, loaders)) {
                if (loader.getResource(name) != null) {
                    fragment = read(name, loader);
                    break;
                }
            }
            if (fragment == null) {
                continue;
            }
            merge(f.name(), fragment, paths, components);
        }
        try {
            document.set(YAML.writeValueAsBytes(doc));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<ClassLoader> candidates(RouteFamily f, List<ClassLoader> loaders) {
        Set<ClassLoader> out = new LinkedHashSet<>(loaders);
        for (Route r : f.routes()) { // the module that wrote the handlers ships the fragment
            ClassLoader l = r.handler().getClass().getClassLoader();
            if (l != null) {
                out.add(l);
            }
        }
        ClassLoader own = OpenApiRoutes.class.getClassLoader();
        if (own != null) {
            out.add(own);
        }
        return new ArrayList<>(out);
    }

    private static void merge(String family, JsonNode fragment, ObjectNode paths, ObjectNode components) {
        if (!fragment.isObject()) {
            throw new IllegalArgumentException("OpenAPI fragment of route family " + family + " is not a mapping");
        }
        for (Iterator<String> keys = fragment.fieldNames(); keys.hasNext();) {
            String key = keys.next();
            if (!key.equals("paths") && !key.equals("components")) {
                throw new IllegalArgumentException("OpenAPI fragment of route family " + family + " may only hold "
                        + "paths and components, not " + key);
            }
        }
        fragment.path("paths").fields().forEachRemaining(p -> {
            ObjectNode item = paths.withObject("/" + p.getKey().replace("~", "~0").replace("/", "~1"));
            p.getValue().fields().forEachRemaining(op -> {
                if (item.has(op.getKey()) && !item.get(op.getKey()).equals(op.getValue())) {
                    throw new IllegalArgumentException("OpenAPI fragment of route family " + family + " documents "
                            + op.getKey() + " " + p.getKey() + ", which another fragment documents too");
                }
                item.set(op.getKey(), op.getValue());
            });
        });
        fragment.path("components").fields().forEachRemaining(section -> {
            ObjectNode target = components.withObject("/" + section.getKey());
            section.getValue().fields().forEachRemaining(c -> {
                if (target.has(c.getKey()) && !target.get(c.getKey()).equals(c.getValue())) {
                    throw new IllegalArgumentException("OpenAPI fragment of route family " + family + " redefines "
                            + "components." + section.getKey() + "." + c.getKey());
                }
                target.set(c.getKey(), c.getValue());
            });
        });
    }

    private static JsonNode read(String resource, @Nullable ClassLoader loader) {
        ClassLoader l = loader == null ? ClassLoader.getSystemClassLoader() : loader;
        try (InputStream in = l.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing class-path resource " + resource);
            }
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("OpenAPI document part " + resource + " is not valid YAML: "
                    + e.getMessage(), e);
        }
    }
}
