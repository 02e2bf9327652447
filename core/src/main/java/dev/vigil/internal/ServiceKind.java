package dev.vigil.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.vigil.kind.Codec;
import dev.vigil.kind.Outcome;
import dev.vigil.kind.SubjectKind;
import dev.vigil.model.SubjectRef;
import dev.vigil.service.Service;
import dev.vigil.service.ServiceDeclaration;
import dev.vigil.spi.StoredSubject;
import dev.vigil.spi.SubjectQuery;
import dev.vigil.spi.VigilStore;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Services (seed 000) as a subject kind: key = the five-segment path, spec = {@link ServiceDeclaration}, state =
 * {@link ServiceState}. The rules are {@link ServiceLogic}. Labels carry the path's segments and the attributes in
 * effect, so lists filter and routes match on them; {@code depends_on:<path>} labels let a recovering service find
 * the services that depend on it.
 */
public final class ServiceKind implements SubjectKind<ServiceDeclaration, ServiceState> {
    public static final String NAME = "service";
    static final String DEPENDS_ON_LABEL = "depends_on:";
    static final String TAG_LABEL = "tag:";
    static final String BACKUP_EXPECTED_LABEL = "backup_expected";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new SimpleModule("vigil-service-times")
                    .addSerializer(Instant.class, new MillisSerializer<>(Instant::toEpochMilli))
                    .addDeserializer(Instant.class, new MillisDeserializer<>(Instant::ofEpochMilli))
                    .addSerializer(Duration.class, new MillisSerializer<>(Duration::toMillis))
                    .addDeserializer(Duration.class, new MillisDeserializer<>(Duration::ofMillis)))
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // newer versions may add fields
            .build();

    private final Codec<ServiceDeclaration> specCodec =
            TextCodecs.remembering(Codec.json(MAPPER, ServiceDeclaration.class), 10_000);
    private final Codec<ServiceState> stateCodec = new StateCodec();
    private final ServiceLogic.Dependencies dependencies;

    public ServiceKind(VigilStore store) {
        this.dependencies = new StoreDependencies(store);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Codec<ServiceDeclaration> specCodec() {
        return specCodec;
    }

    @Override
    public Codec<ServiceState> stateCodec() {
        return stateCodec;
    }

    ServiceLogic.Dependencies dependencies() {
        return dependencies;
    }

    @Override
    public String displayName(String key, ServiceDeclaration spec) {
        return key;
    }

    @Override
    public String status(ServiceDeclaration spec, ServiceState state) {
        return state.health().status().name();
    }

    @Override
    public @Nullable Instant nextDue(ServiceDeclaration spec, ServiceState state) {
        return ServiceLogic.nextDue(spec, state);
    }

    @Override
    public Outcome<ServiceState> onDue(String key, ServiceDeclaration spec, ServiceState state, Instant now) {
        return ServiceLogic.onDue(key, spec, state, dependencies, now);
    }

    @Override
    public Duration period(ServiceDeclaration spec) {
        return spec.staleAfter();
    }

    @Override
    public ServiceState afterGap(ServiceDeclaration spec, ServiceState state, Instant gapEnd) {
        return ServiceLogic.afterGap(spec, state, gapEnd);
    }

    @Override
    public Outcome<ServiceState> onWake(ServiceDeclaration spec, ServiceState state, SubjectRef cause, Instant now) {
        return ServiceLogic.onWake(spec, state, cause, dependencies);
    }

    @Override
    public Map<String, String> labels(String key, ServiceDeclaration spec, ServiceState state) {
        ServiceState.Attributes a = ServiceLogic.effective(spec, state.reported());
        Map<String, String> labels = new LinkedHashMap<>(32);
        labels.put("path", key);
        // the key is a valid path (it was built as one): its segments without parsing and checking it again
        String[] names = {"org", "domain", "env", "cluster", "service"};
        int from = 0;
        for (int i = 0; i < 4; i++) {
            int slash = key.indexOf('/', from);
            labels.put(names[i], key.substring(from, slash));
            from = slash + 1;
        }
        labels.put(names[4], key.substring(from));
        putIfSet(labels, "criticality", a.criticality());
        putIfSet(labels, "sla_group", a.slaGroup());
        putIfSet(labels, "service_type", a.serviceType());
        putIfSet(labels, "namespace", a.namespace());
        if (!a.tags().isEmpty()) {
            labels.put("tags", String.join(",", a.tags())); // kept sorted
            a.tags().forEach(t -> labels.put(TAG_LABEL + t, "true"));
        }
        if (spec.backupExpected()) {
            labels.put(BACKUP_EXPECTED_LABEL, "true");
        }
        spec.dependsOn().forEach(d -> labels.put(DEPENDS_ON_LABEL + d, "true"));
        return labels;
    }

    /** The labels come from the declaration and the reported attributes, which a report keeps as they were. */
    @Override
    public boolean labelsUnchanged(ServiceDeclaration previousSpec, ServiceState previousState, ServiceDeclaration spec,
            ServiceState state) {
        return previousSpec == spec && previousState.reported() == state.reported();
    }

    private static void putIfSet(Map<String, String> labels, String name, @Nullable String value) {
        if (value != null) {
            labels.put(name, value);
        }
    }

    @Override
    public String linkPath(String key) {
        return "/api/v1/services/" + key;
    }

    /** Reads the dependencies' health from the store: their status column, without decoding them. */
    private static final class StoreDependencies implements ServiceLogic.Dependencies {
        private final VigilStore store;

        StoreDependencies(VigilStore store) {
            this.store = store;
        }

        @Override
        public @Nullable String firstDown(List<String> paths) {
            for (String p : paths) {
                if (store.subjects().find(new SubjectRef(NAME, p)).map(s -> s.status().equals("DOWN"))
                        .orElse(false)) {
                    return p;
                }
            }
            return null;
        }

        @Override
        public List<SubjectRef> dependentsOf(String path) {
            List<SubjectRef> out = new ArrayList<>();
            SubjectQuery q = new SubjectQuery(NAME, Map.of(DEPENDS_ON_LABEL + path, Set.of("true")), Map.of(),
                    Set.of(), null, SubjectQuery.MAX_LIMIT);
            while (true) {
                List<StoredSubject> page = store.subjects().list(q);
                page.forEach(s -> out.add(s.ref()));
                if (page.size() < q.limit()) {
                    return out;
                }
                q = q.after(page.get(page.size() - 1).key());
            }
        }
    }

    /**
     * The state as Jackson's data binding writes it (component order, no nulls, instants as epoch milliseconds, enums
     * by name), but written straight into a builder ({@link JsonText}): this runs on every report. Read back with data
     * binding. The test {@code ServiceStateCodecTest} holds the writers (this one, data binding, and the generator
     * this one replaced) to the same text.
     */
    static final class StateCodec implements Codec<ServiceState> {
        private final Codec<ServiceState> reader = Codec.json(MAPPER, ServiceState.class);

        @Override
        public String encode(ServiceState s) {
            // straight into a builder, not through a Jackson generator: this runs on every report
            JsonText json = new JsonText(768); // a state with storage and backup is 600 to 700 characters
            ServiceState.Health h = s.health();
            json.objectStart("health");
            json.string("status", h.status().name());
            json.stringIfSet("message", h.message());
            json.millisIfSet("since", h.since());
            json.string("reason", h.reason());
            json.millisIfSet("lastReportAt", h.lastReportAt());
            json.millisIfSet("staleFrom", h.staleFrom());
            json.bool("downSuppressed", h.downSuppressed());
            json.objectEnd();
            ServiceState.Attributes a = s.reported();
            json.objectStart("reported");
            json.stringIfSet("criticality", a.criticality());
            json.stringIfSet("slaGroup", a.slaGroup());
            json.stringIfSet("serviceType", a.serviceType());
            json.stringIfSet("namespace", a.namespace());
            json.arrayStart("tags");
            for (String tag : a.tags()) {
                json.element(tag);
            }
            json.arrayEnd();
            json.objectEnd();
            Service.Storage st = s.storage();
            if (st != null) {
                json.objectStart("storage");
                json.numberIfSet("allocatedBytes", st.allocatedBytes());
                json.numberIfSet("usedBytes", st.usedBytes());
                json.numberIfSet("freePercent", st.freePercent());
                json.string("level", st.level().name());
                json.stringIfSet("storageType", st.storageType());
                json.stringIfSet("mountPath", st.mountPath());
                json.millisIfSet("reportedAt", st.reportedAt());
                json.objectEnd();
            }
            ServiceState.Backup b = s.backup();
            json.objectStart("backup");
            json.string("alert", b.alert());
            json.stringIfSet("lastStatus", b.lastStatus() == null ? null : b.lastStatus().name());
            json.millisIfSet("lastReportAt", b.lastReportAt());
            json.millisIfSet("lastGoodAt", b.lastGoodAt());
            json.numberIfSet("sizeBytes", b.sizeBytes());
            json.stringIfSet("message", b.message());
            json.millisIfSet("clockFrom", b.clockFrom());
            json.objectEnd();
            json.number("misconfiguredReports", s.misconfiguredReports());
            json.millisIfSet("lastReportAt", s.lastReportAt());
            return json.end();
        }

        @Override
        public ServiceState decode(String text) {
            return reader.decode(text);
        }
    }

    /** The data-binding writer the state encoder matches (for the codec's test). */
    static Codec<ServiceState> boundStateCodec() {
        return Codec.json(MAPPER, ServiceState.class);
    }

    private static final class MillisSerializer<T> extends JsonSerializer<T> {
        private final java.util.function.ToLongFunction<T> millis;

        MillisSerializer(java.util.function.ToLongFunction<T> millis) {
            this.millis = millis;
        }

        @Override
        public void serialize(T value, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeNumber(millis.applyAsLong(value));
        }
    }

    private static final class MillisDeserializer<T> extends JsonDeserializer<T> {
        private final java.util.function.LongFunction<T> of;

        MillisDeserializer(java.util.function.LongFunction<T> of) {
            this.of = of;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            return of.apply(p.getLongValue());
        }
    }
}
