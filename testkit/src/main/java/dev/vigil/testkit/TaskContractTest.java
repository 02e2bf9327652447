package dev.vigil.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.Vigil;
import dev.vigil.model.Signal;
import dev.vigil.model.Transition;
import dev.vigil.model.TransitionType;
import dev.vigil.notify.OutboundPolicy;
import dev.vigil.notify.SlackNotifier;
import dev.vigil.spi.OutboxEntry;
import dev.vigil.spi.OutboxStatus;
import dev.vigil.task.Crash;
import dev.vigil.task.Metric;
import dev.vigil.task.MetricSample;
import dev.vigil.task.Release;
import dev.vigil.task.Task;
import dev.vigil.task.TaskExistsException;
import dev.vigil.task.TaskLevel;
import dev.vigil.task.TaskNotFoundException;
import dev.vigil.task.TaskSpec;
import dev.vigil.task.TaskStatus;
import dev.vigil.task.TaskType;
import dev.vigil.task.Tasks;
import dev.vigil.task.Tolerance;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Alert-rule tasks (seed 003) through the Java API, on the store under test, with a manual clock: 5xx against its
 * running statistics, memory per dyno, crashes and releases as occurrences, the targets' deliveries (Kapacitor JSON to
 * a post URL, Slack with a bot token, an unconfigured integration failing visibly), samples surviving a restart.
 */
public abstract class TaskContractTest extends StoreContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP = "billing-prod";
    private static final Duration MINUTE = Duration.ofMinutes(1);

    protected ManualClock clock;
    protected RecordingNotifier sent;
    protected List<Signal> signals;
    protected HttpReceiver receiver;
    protected HttpReceiver slackApi;
    protected Vigil vigil;

    @BeforeEach
    void buildVigil() throws IOException {
        clock = ManualClock.at("2025-01-15T12:00:00Z");
        sent = new RecordingNotifier();
        signals = Collections.synchronizedList(new ArrayList<>());
        receiver = new HttpReceiver();
        slackApi = new HttpReceiver();
        vigil = newVigil(true);
    }

    private Vigil newVigil(boolean withSlack) {
        Vigil.Builder b = Vigil.builder().store(store).closeStoreOnClose(false).clock(clock).notifier(sent)
                .onSignal(signals::add).allowPrivateTargets(true);
        if (withSlack) {
            b.channel(Tasks.SLACK_CHANNEL, SlackNotifier.bot("xoxb-test-token", slackApi.url("/api/chat.postMessage"),
                    null, OutboundPolicy.allowingPrivateTargets()));
        }
        return b.build();
    }

    @AfterEach
    void closeVigil() {
        vigil.close();
        receiver.close();
        slackApi.close();
    }

    private void minute() {
        clock.advance(MINUTE);
        vigil.tick();
    }

    private List<Transition> history(String key) {
        List<Transition> h = new ArrayList<>(vigil.tasks().history(key, 1000));
        Collections.reverse(h);
        return h;
    }

    private TaskStatus status(TaskType type) {
        return vigil.tasks().find(type, APP).orElseThrow().status();
    }

    private void push(Metric metric, double value, String dyno) {
        vigil.apps().record(APP, List.of(MetricSample.of(metric, value, dyno)));
    }

    @Test
    void aFiveXxBurstAfterAQuietBaselineWarnsThenGoesCriticalAndBackToOk() {
        vigil.tasks().create(TaskSpec.fiveXx(APP, Tolerance.HIGH).post(receiver.url("/kapacitor")).build());
        // the baseline: a blip of 10 errors while the task starts, then 30 quiet minutes of 100 requests each (a
        // count never above the running mean stays OK, and the blip gives the statistics a deviation)
        push(Metric.HTTP_5XX, 10, "web.1");
        for (int i = 0; i < 40; i++) {
            push(Metric.HTTP_REQUESTS, 100, "web.1");
            minute();
        }
        TaskStatus quiet = status(TaskType.FIVE_XX);
        assertThat(quiet.level()).isEqualTo(TaskLevel.OK);
        assertThat(quiet.errorRate()).isZero();
        assertThat(quiet.stddev()).isPositive();
        assertThat(history("5xx/" + APP)).isEmpty();

        // a window count of the mean plus one standard deviation: WARNING under tolerance high (critical above 1.5)
        double warn = Math.ceil(quiet.mean() + quiet.stddev());
        push(Metric.HTTP_5XX, warn, "web.1");
        push(Metric.HTTP_REQUESTS, 100, "web.1");
        minute();
        assertThat(status(TaskType.FIVE_XX).level()).isEqualTo(TaskLevel.WARNING);
        assertThat(status(TaskType.FIVE_XX).sigma()).isBetween(Tolerance.WARNING_SIGMA, 1.5);
        assertThat(status(TaskType.FIVE_XX).errorRate()).isEqualTo(warn / 900); // (now - 10 min, now]: the 9 earlier minutes pushed 100 each

        push(Metric.HTTP_5XX, 500, "web.2");
        minute();
        TaskStatus burst = status(TaskType.FIVE_XX);
        assertThat(burst.level()).isEqualTo(TaskLevel.CRITICAL);
        assertThat(burst.value()).isGreaterThan(500);

        for (int i = 0; i < 10; i++) { // quiet again: the burst leaves the window
            minute();
        }
        assertThat(status(TaskType.FIVE_XX).level()).isEqualTo(TaskLevel.OK);
        List<Transition> h = history("5xx/" + APP);
        assertThat(h).extracting(t -> t.from() + ">" + t.to()).startsWith("OK>WARNING", "WARNING>CRITICAL");
        assertThat(h.get(h.size() - 1).to()).isEqualTo("OK");
        assertThat(sent.transitions()).extracting(Transition::to).startsWith("WARNING", "CRITICAL").endsWith("OK");

        // the post target got Kapacitor's alert JSON for each change
        List<HttpReceiver.Request> posts = receiver.requests();
        assertThat(posts).hasSize(h.size());
        JsonNode critical = json(posts.get(1).body());
        assertThat(critical.get("id").asText()).isEqualTo("5xx/" + APP);
        assertThat(critical.get("level").asText()).isEqualTo("CRITICAL");
        assertThat(critical.get("previousLevel").asText()).isEqualTo("WARNING");
        assertThat(critical.get("time").asText()).isEqualTo(h.get(1).at().toString());
        assertThat(critical.get("duration").asLong()).isEqualTo(MINUTE.toNanos());
        assertThat(critical.get("message").asText()).contains(APP).contains("CRITICAL");
        assertThat(critical.get("details").asText()).isNotEmpty();
        JsonNode series = critical.get("data").get("series").get(0);
        assertThat(series.get("name").asText()).isEqualTo("5xx");
        assertThat(series.get("tags").get("app").asText()).isEqualTo(APP);
        assertThat(series.get("columns")).extracting(JsonNode::asText).containsExactly("time", "value", "sigma");
        assertThat(series.get("values").get(0).get(1).asDouble()).isEqualTo(burst.value());
        assertThat(posts.get(1).header("Idempotency-Key")).isNotBlank();
    }

    @Test
    void memoryAboveWarnThenCritForOneDynoOnly() {
        vigil.tasks().create(TaskSpec.memory(APP, "web", 200, 500, Duration.ofMinutes(5), MINUTE)
                .post(receiver.url("/kapacitor")).build());
        for (int i = 0; i < 5; i++) {
            push(Metric.MEMORY_MB, 150, "web.1");
            push(Metric.MEMORY_MB, 150, "web.2");
            push(Metric.MEMORY_MB, 900, "worker.1"); // another dyno type: never this task's
            minute();
        }
        Task quiet = vigil.tasks().findMemory(APP, "web").orElseThrow();
        assertThat(quiet.status().level()).isEqualTo(TaskLevel.OK);
        assertThat(quiet.status().dynos()).containsOnlyKeys("web.1", "web.2");

        for (int i = 0; i < 5; i++) { // web.2 climbs to 300: its 5-minute mean passes 200 on the way
            push(Metric.MEMORY_MB, 150, "web.1");
            push(Metric.MEMORY_MB, 300, "web.2");
            minute();
        }
        TaskStatus warn = vigil.tasks().findMemory(APP, "web").orElseThrow().status();
        assertThat(warn.level()).isEqualTo(TaskLevel.WARNING);
        assertThat(warn.dynos().get("web.1").level()).isEqualTo(TaskLevel.OK);
        assertThat(warn.dynos().get("web.2").level()).isEqualTo(TaskLevel.WARNING);
        assertThat(warn.dynos().get("web.2").meanMb()).isEqualTo(300);

        for (int i = 0; i < 5; i++) {
            push(Metric.MEMORY_MB, 150, "web.1");
            push(Metric.MEMORY_MB, 800, "web.2");
            minute();
        }
        TaskStatus crit = vigil.tasks().findMemory(APP, "web").orElseThrow().status();
        assertThat(crit.level()).isEqualTo(TaskLevel.CRITICAL);
        assertThat(crit.dynos().get("web.1").level()).isEqualTo(TaskLevel.OK);
        List<Transition> h = history("memory/" + APP + "/web");
        assertThat(h).extracting(t -> t.aspect() + ":" + t.from() + ">" + t.to())
                .containsExactly("web.2:OK>WARNING", "web.2:WARNING>CRITICAL");
        JsonNode post = json(receiver.requests().get(1).body());
        assertThat(post.get("id").asText()).isEqualTo("memory/" + APP + "/web:web.2");
        assertThat(post.get("data").get("series").get(0).get("tags").get("dyno").asText()).isEqualTo("web.2");
    }

    @Test
    void aCrashAndAReleaseEachNotifyOnceAsOccurrences() {
        vigil.tasks().create(TaskSpec.crashed(APP).post(receiver.url("/crash")).build());
        vigil.tasks().create(TaskSpec.release(APP).post(receiver.url("/release")).build());
        Instant at = clock.instant().minusSeconds(5);
        vigil.apps().crash(APP, new Crash("web.1", "R14 memory quota exceeded", at));
        vigil.apps().crash(APP, new Crash("web.1", "R14 memory quota exceeded", at)); // a retried request
        vigil.apps().release(APP, new Release("v42", "Deploy 1a2b3c", null));
        vigil.apps().crash("another-app", new Crash("web.1", "no task", null));
        vigil.tick();

        assertThat(history("crashed/" + APP)).singleElement().satisfies(t -> {
            assertThat(t.type()).isEqualTo(TransitionType.OCCURRENCE);
            assertThat(t.to()).isEqualTo("WARNING");
            assertThat(t.reason()).contains("web.1").contains("R14");
        });
        assertThat(history("release/" + APP)).singleElement().satisfies(t ->
                assertThat(t.reason()).contains("v42").contains("Deploy 1a2b3c"));
        assertThat(sent.transitions()).hasSize(2);
        assertThat(vigil.tasks().find(TaskType.CRASHED, APP).orElseThrow().status().occurrences()).isEqualTo(1);
        assertThat(status(TaskType.RELEASE).level()).isEqualTo(TaskLevel.OK);
        JsonNode crash = json(receiver.requests().stream().filter(r -> r.path().equals("/crash")).findFirst()
                .orElseThrow().body());
        assertThat(crash.get("level").asText()).isEqualTo("WARNING");
        assertThat(crash.get("previousLevel").asText()).isEqualTo("OK");
        assertThat(crash.get("duration").asLong()).isZero();
        assertThat(crash.get("data").get("series").get(0).get("columns")).extracting(JsonNode::asText)
                .contains("reason");
        // each accepted input is a signal, with the Canopsis-style fields
        assertThat(signals).filteredOn(s -> s.source().equals(Signal.APP_CRASH)).hasSize(3)
                .first().satisfies(s -> assertThat(s.fields()).containsEntry("connector", "vigil")
                        .containsEntry("connector_name", "crashes").containsEntry("component", APP)
                        .containsEntry("resource", "web.1").containsEntry("dyno", "web.1"));
        assertThat(signals).filteredOn(s -> s.source().equals(Signal.APP_RELEASE)).singleElement()
                .satisfies(s -> assertThat(s.fields()).containsEntry("version", "v42"));
    }

    @Test
    void aSlackTargetIsPostedWithTheBotTokenToTheNamedChannel() {
        slackApi.answer(new HttpReceiver.Answer(200, java.util.Map.of("Content-Type", "application/json"),
                "{\"ok\":true}"), new HttpReceiver.Answer(200, java.util.Map.of(), "{\"ok\":false,"
                + "\"error\":\"channel_not_found\"}"));
        vigil.tasks().create(TaskSpec.release(APP).slack("ops").build());
        vigil.tasks().create(TaskSpec.crashed(APP).slack("#gone").build());
        assertThat(vigil.tasks().find(TaskType.RELEASE, APP).orElseThrow().warnings()).isEmpty();
        vigil.apps().release(APP, new Release("v7", null, null));
        vigil.tick();
        vigil.apps().crash(APP, new Crash("web.1", null, null));
        vigil.tick();

        HttpReceiver.Request r = slackApi.requests().get(0);
        assertThat(r.path()).isEqualTo("/api/chat.postMessage");
        assertThat(r.header("Authorization")).isEqualTo("Bearer xoxb-test-token");
        JsonNode body = json(r.body());
        assertThat(body.get("channel").asText()).isEqualTo("#ops");
        assertThat(body.get("text").asText()).contains("v7");
        assertThat(vigil.notifications().list(OutboxStatus.DELIVERED, 100)).extracting(OutboxEntry::channel)
                .contains(Tasks.SLACK_CHANNEL);
        // Slack's own error in a 200 answer fails the delivery for good, visibly
        OutboxEntry failed = vigil.notifications().list(OutboxStatus.FAILED, 100).stream()
                .filter(e -> e.channel().equals(Tasks.SLACK_CHANNEL)).findFirst().orElseThrow();
        assertThat(failed.address()).isEqualTo("#gone");
        assertThat(failed.lastError()).contains("channel_not_found");
    }

    @Test
    void aTargetWhoseIntegrationIsNotConfiguredIsKeptWarnedAboutAndFailsVisibly() {
        vigil.close();
        vigil = newVigil(false);
        Task t = vigil.tasks().create(TaskSpec.release(APP).slack("#ops").email("oncall@example.com").build());
        assertThat(t.warnings()).hasSize(2).anySatisfy(w -> assertThat(w).contains("Slack").contains("token"))
                .anySatisfy(w -> assertThat(w).contains("e-mail").contains("email"));
        vigil.apps().release(APP, new Release("v8", null, null));
        vigil.tick();
        List<OutboxEntry> failed = vigil.notifications().list(OutboxStatus.FAILED, 100);
        assertThat(failed).extracting(OutboxEntry::channel)
                .containsExactlyInAnyOrder(Tasks.SLACK_CHANNEL, Tasks.EMAIL_CHANNEL);
        assertThat(failed).allSatisfy(e -> assertThat(e.lastError()).contains("is configured"));
        assertThat(sent.transitions()).hasSize(1); // the default notifier still heard it
    }

    @Test
    void samplesSentToAnotherInstanceCountWhereTheTaskIsEvaluated() {
        Vigil other = newVigil(false); // a second instance on the same store: the apps' data goes there
        try {
            vigil.tasks().create(TaskSpec.fiveXx(APP, Tolerance.HIGH).post(receiver.url("/kapacitor")).build());
            vigil.tasks().create(TaskSpec.memory(APP, "web", 200, 500, Duration.ofMinutes(5), MINUTE)
                    .post(receiver.url("/k")).build());
            other.apps().record(APP, List.of(MetricSample.of(Metric.HTTP_5XX, 10, "web.1")));
            for (int i = 0; i < 30; i++) {
                other.apps().record(APP, List.of(MetricSample.of(Metric.HTTP_REQUESTS, 100, "web.1"),
                        MetricSample.of(Metric.MEMORY_MB, 100, "web.1")));
                push(Metric.HTTP_REQUESTS, 100, "web.2"); // and some to this one
                minute(); // only this instance evaluates
            }
            assertThat(status(TaskType.FIVE_XX).level()).isEqualTo(TaskLevel.OK);
            assertThat(status(TaskType.FIVE_XX).errorRate()).isZero();

            other.apps().record(APP, List.of(MetricSample.of(Metric.HTTP_5XX, 500, "web.1"),
                    MetricSample.of(Metric.MEMORY_MB, 1000, "web.1")));
            minute();
            TaskStatus burst = status(TaskType.FIVE_XX);
            assertThat(burst.level()).isEqualTo(TaskLevel.CRITICAL);
            assertThat(burst.value()).isEqualTo(500);
            assertThat(burst.errorRate()).isEqualTo(500.0 / 1600); // the window holds 8 minutes of 100 + 100 requests
            // memory: the mean over the 5-minute window of what the other instance received
            assertThat(vigil.tasks().findMemory(APP, "web").orElseThrow().status().dynos().get("web.1").meanMb())
                    .isEqualTo((100.0 * 3 + 1000) / 4); // minutes (now - 5, now]: three of 100, then 1000
        } finally {
            other.close();
        }
    }

    @Test
    void withManyWatchedAppsASampleSentToAnotherInstanceStillCounts() {
        // enough apps that a minute's reconciliations share one read, or skip it while nobody else writes
        Vigil other = newVigil(false);
        try {
            for (int a = 0; a < 64; a++) {
                vigil.tasks().create(TaskSpec.fiveXx(APP + "-" + a, Tolerance.HIGH).post(receiver.url("/k")).build());
            }
            vigil.tasks().create(TaskSpec.fiveXx(APP, Tolerance.HIGH).post(receiver.url("/kapacitor")).build());
            for (int i = 0; i < 20; i++) {
                push(Metric.HTTP_REQUESTS, 100, "web.1"); // only this instance receives: nothing to read back
                minute();
            }
            assertThat(status(TaskType.FIVE_XX).level()).isEqualTo(TaskLevel.OK);

            other.apps().record(APP, List.of(MetricSample.of(Metric.HTTP_5XX, 500, "web.1"),
                    MetricSample.of(Metric.HTTP_REQUESTS, 500, "web.1")));
            minute();
            TaskStatus burst = status(TaskType.FIVE_XX);
            assertThat(burst.level()).isEqualTo(TaskLevel.CRITICAL);
            assertThat(burst.value()).isEqualTo(500);

            // and a sample this instance receives while the other one writes too counts once
            push(Metric.HTTP_5XX, 100, "web.1");
            other.apps().record(APP, List.of(MetricSample.of(Metric.HTTP_5XX, 50, "web.2")));
            minute();
            assertThat(status(TaskType.FIVE_XX).value()).isEqualTo(650);
        } finally {
            other.close();
        }
    }

    @Test
    void samplesSurviveARestartThroughTheRollUps() {
        vigil.tasks().create(TaskSpec.memory(APP, "all", 200, 500, Duration.ofMinutes(10), MINUTE)
                .post(receiver.url("/k")).build());
        for (int i = 0; i < 3; i++) {
            push(Metric.MEMORY_MB, 400, "worker.1");
            minute();
        }
        assertThat(vigil.tasks().findMemory(APP, "all").orElseThrow().status().dynos().get("worker.1").level())
                .isEqualTo(TaskLevel.WARNING);
        push(Metric.MEMORY_MB, 400, "worker.1"); // recorded, not yet evaluated
        vigil.close();

        vigil = newVigil(true); // a new process: empty rings, the store's roll-ups
        push(Metric.MEMORY_MB, 1000, "worker.1");
        minute();
        TaskStatus s = vigil.tasks().findMemory(APP, "all").orElseThrow().status();
        assertThat(s.dynos().get("worker.1").meanMb()).isEqualTo((400 * 4 + 1000) / 5.0);
        assertThat(s.dynos().get("worker.1").level()).isEqualTo(TaskLevel.CRITICAL);
        assertThat(history("memory/" + APP + "/all")).extracting(Transition::to).containsExactly("WARNING",
                "CRITICAL");
    }

    @Test
    void runningStatisticsAreKeptByTheStoreAndAnUpdateKeepsThem() {
        vigil.tasks().create(TaskSpec.fiveXx(APP, Tolerance.LOW).email("oncall@example.com").build());
        for (int i = 0; i < 5; i++) {
            push(Metric.HTTP_5XX, i, "web.1");
            minute();
        }
        TaskStatus before = status(TaskType.FIVE_XX);
        Task updated = vigil.tasks().update(TaskSpec.fiveXx(APP, Tolerance.HIGH).post(receiver.url("/x")).build());
        assertThat(updated.spec().tolerance()).isEqualTo(Tolerance.HIGH);
        assertThat(updated.spec().email()).isNull();
        assertThat(updated.status().mean()).isEqualTo(before.mean());
        assertThat(updated.status().stddev()).isEqualTo(before.stddev());
        assertThatThrownBy(() -> vigil.tasks().create(TaskSpec.fiveXx(APP, Tolerance.LOW).slack("#x").build()))
                .isInstanceOf(TaskExistsException.class);
        assertThatThrownBy(() -> vigil.tasks().update(TaskSpec.fiveXx("nobody", Tolerance.LOW).slack("#x").build()))
                .isInstanceOf(TaskNotFoundException.class);
        assertThat(vigil.tasks().list(TaskType.FIVE_XX)).extracting(Task::key).containsExactly("5xx/" + APP);
        assertThat(vigil.tasks().delete(TaskType.FIVE_XX, APP)).isTrue();
        assertThat(vigil.tasks().delete(TaskType.FIVE_XX, APP)).isFalse();
        assertThat(vigil.tasks().list(TaskType.FIVE_XX)).isEmpty();
    }

    @Test
    void badSamplesAreRefusedWholeAndNothingIsRecorded() {
        vigil.tasks().create(TaskSpec.fiveXx(APP, Tolerance.LOW).post(receiver.url("/x")).build());
        List<MetricSample> batch = List.of(MetricSample.of(Metric.HTTP_5XX, 50, "web.1"),
                new MetricSample(Metric.HTTP_5XX, 1, "web.1", clock.instant().plus(Duration.ofMinutes(6))));
        assertThatThrownBy(() -> vigil.apps().record(APP, batch))
                .hasMessageStartingWith("[1] timestamp:").hasMessageContaining("ahead of Vigil's clock");
        assertThatThrownBy(() -> vigil.apps().record("bad app", List.of(MetricSample.of(Metric.HTTP_5XX, 1, null))))
                .hasMessageStartingWith("app:");
        assertThatThrownBy(() -> vigil.apps().record(APP, List.of(new MetricSample(Metric.HTTP_5XX, 1, null,
                clock.instant().minus(Duration.ofHours(25)))))).hasMessageContaining("older than 24 hours");
        assertThatThrownBy(() -> MetricSample.of(Metric.MEMORY_MB, 1, null)).hasMessageStartingWith("dyno:");
        assertThatThrownBy(() -> MetricSample.of(Metric.HTTP_5XX, -1, null)).hasMessageStartingWith("value:");
        minute();
        assertThat(status(TaskType.FIVE_XX).value()).isZero();
        assertThat(signals).isEmpty();
        vigil.apps().record(APP, List.of(MetricSample.of(Metric.HTTP_5XX, 2, "web.1")));
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.source()).isEqualTo(Signal.APP_METRIC);
            assertThat(s.fields()).containsEntry("connector_name", "metrics").containsEntry("component", APP)
                    .containsEntry("resource", "web.1").containsEntry("metric", "http_5xx")
                    .containsEntry("value", "2").containsEntry("dyno_type", "web");
        });
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
