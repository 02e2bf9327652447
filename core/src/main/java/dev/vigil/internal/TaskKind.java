package dev.vigil.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
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
import dev.vigil.kind.Target;
import dev.vigil.task.TaskSpec;
import dev.vigil.task.TaskType;
import dev.vigil.task.Tasks;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Alert-rule tasks (seed 003) as a subject kind: key {@code 5xx/<app>}, {@code memory/<app>/<dynotype>},
 * {@code crashed/<app>} or {@code release/<app>}; spec = {@link TaskSpec}, state = {@link TaskState}. 5xx and memory
 * tasks are due every period and read their window totals from {@link AppSamples}; crashed and release tasks are
 * never due, their occurrences arrive as inputs. Their {@code slack}, {@code email} and {@code post} settings are
 * their own notification targets.
 */
public final class TaskKind implements SubjectKind<TaskSpec, TaskState> {
    public static final String NAME = "task";
    static final String LABEL_APP = "app";
    static final String LABEL_TASK = "task";
    static final String LABEL_DYNOTYPE = "dynotype";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new SimpleModule("vigil-task-times")
                    .addSerializer(Duration.class, new JsonSerializer<>() {
                        @Override
                        public void serialize(Duration d, JsonGenerator g, SerializerProvider p) throws IOException {
                            g.writeNumber(d.toMillis());
                        }
                    })
                    .addDeserializer(Duration.class, new JsonDeserializer<>() {
                        @Override
                        public Duration deserialize(JsonParser p, DeserializationContext c) throws IOException {
                            return Duration.ofMillis(p.getLongValue());
                        }
                    }))
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // newer versions may add fields
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS) // an infinite sigma is kept as "Infinity"
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    // specs are parsed (and validated) once per distinct text: every evaluation decodes its task's spec
    private final Codec<TaskSpec> specCodec = TextCodecs.remembering(Codec.json(MAPPER, TaskSpec.class), 200_000);
    private final Codec<TaskState> stateCodec = new StateCodec();
    private final AppSamples samples;

    TaskKind(AppSamples samples) {
        this.samples = samples;
    }

    /** The kind, with its samples kept in {@code records}' roll-ups and in memory. */
    public static TaskKind create(dev.vigil.spi.RecordStore records) {
        return new TaskKind(new AppSamples(records));
    }

    AppSamples samples() {
        return samples;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Codec<TaskSpec> specCodec() {
        return specCodec;
    }

    @Override
    public Codec<TaskState> stateCodec() {
        return stateCodec;
    }

    @Override
    public String displayName(String key, TaskSpec spec) {
        return key;
    }

    @Override
    public String status(TaskSpec spec, TaskState state) {
        return state.level().name();
    }

    @Override
    public @Nullable Instant nextDue(TaskSpec spec, TaskState state) {
        return state.nextAt() == null ? null : Instant.ofEpochMilli(state.nextAt());
    }

    @Override
    public Outcome<TaskState> onDue(String key, TaskSpec spec, TaskState state, Instant now) {
        return switch (spec.type()) {
            case FIVE_XX -> {
                TaskLogic.Totals[] t = samples.fiveXx(spec.app(), now);
                yield TaskLogic.fiveXx(spec, state, t[0], t[1], now);
            }
            case MEMORY -> TaskLogic.memory(spec, state, samples.memoryMeans(spec, now), now);
            default -> Outcome.of(state.withNextAt(null));
        };
    }

    @Override
    public Duration period(TaskSpec spec) {
        Duration p = spec.period();
        return p == null ? TaskSpec.FIVE_XX_EVERY : p;
    }

    @Override
    public TaskState afterGap(TaskSpec spec, TaskState state, Instant gapEnd) {
        return state.nextAt() == null ? state : state.withNextAt(gapEnd.plus(period(spec)).toEpochMilli());
    }

    @Override
    public Map<String, String> labels(String key, TaskSpec spec, TaskState state) {
        return spec.type() == TaskType.MEMORY
                ? Map.of(LABEL_APP, spec.app(), LABEL_TASK, spec.type().wireName(), LABEL_DYNOTYPE, spec.dynotype())
                : Map.of(LABEL_APP, spec.app(), LABEL_TASK, spec.type().wireName());
    }

    @Override
    public List<Target> targets(TaskSpec spec) {
        List<Target> targets = new ArrayList<>(3);
        if (spec.slack() != null) {
            targets.add(Target.address(Tasks.SLACK_CHANNEL, spec.slack()));
        }
        if (spec.email() != null) {
            targets.add(Target.address(Tasks.EMAIL_CHANNEL, spec.email()));
        }
        if (spec.post() != null) {
            targets.add(Target.address(Tasks.POST_CHANNEL, spec.post()));
        }
        return targets;
    }

    @Override
    public String linkPath(String key) {
        return key.startsWith("memory/") ? "/tasks/" + key : "/task/" + key;
    }

    /**
     * The state as compact JSON, written by hand (it is written on every evaluation of every task); read back with
     * Jackson, which also reads what older versions wrote. An infinite sigma is written as {@code Infinity}.
     */
    private static final class StateCodec implements Codec<TaskState> {
        private final Codec<TaskState> reader = Codec.json(MAPPER, TaskState.class);

        @Override
        public String encode(TaskState s) {
            StringBuilder b = new StringBuilder(160);
            b.append("{\"level\":\"").append(s.level().name()).append("\",\"since\":").append(s.since());
            optional(b, "nextAt", s.nextAt());
            optional(b, "alertSince", s.alertSince());
            b.append(",\"n\":").append(s.n());
            b.append(",\"mean\":");
            number(b, s.mean());
            b.append(",\"m2\":");
            number(b, s.m2());
            optional(b, "value", s.value());
            optional(b, "sigma", s.sigma());
            optional(b, "rate", s.rate());
            b.append(",\"dynos\":{");
            boolean first = true;
            for (Map.Entry<String, TaskState.Dyno> e : s.dynos().entrySet()) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                // dyno names are letters, digits, '.', '-' and '_' (checked on ingest): nothing to escape
                b.append('"').append(e.getKey()).append("\":{\"level\":\"").append(e.getValue().level().name())
                        .append("\",\"mean\":");
                number(b, e.getValue().mean());
                b.append(",\"since\":").append(e.getValue().since()).append('}');
            }
            b.append('}');
            optional(b, "evaluatedAt", s.evaluatedAt());
            b.append(",\"occurrences\":").append(s.occurrences()).append('}');
            return b.toString();
        }

        private static void optional(StringBuilder b, String name, @Nullable Number v) {
            if (v != null) {
                b.append(",\"").append(name).append("\":");
                if (v instanceof Double d) {
                    number(b, d);
                } else {
                    b.append(v.longValue());
                }
            }
        }

        private static void number(StringBuilder b, double d) {
            if (Double.isNaN(d)) {
                b.append("NaN");
            } else if (Double.isInfinite(d)) {
                b.append(d > 0 ? "Infinity" : "-Infinity");
            } else {
                b.append(d);
            }
        }

        @Override
        public TaskState decode(String text) {
            return reader.decode(text);
        }
    }
}
