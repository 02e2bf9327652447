package dev.vigil.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.Vigil;
import dev.vigil.entity.CustomDevice;
import dev.vigil.entity.Entities;
import dev.vigil.entity.Entity;
import dev.vigil.entity.EntityTag;
import dev.vigil.entity.EntityDefinition;
import dev.vigil.event.Event;
import dev.vigil.event.EventIngest;
import dev.vigil.event.EventType;
import dev.vigil.event.Events;
import dev.vigil.event.IngestResult;
import dev.vigil.event.InvalidEventException;
import dev.vigil.event.Problem;
import dev.vigil.model.Severity;
import dev.vigil.model.Signal;
import dev.vigil.model.Transition;
import dev.vigil.service.HealthReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Entities, events and problems (seed 001) through the Java API, on the store under test, with a manual clock. */
public abstract class EventContractTest extends StoreContract {
    private static final String BOOKING = "travel/booking/prod/eu1/BookingService";
    private static final String ON_BOOKING = "type(SERVICE),entityName.equals(BookingService)";

    protected ManualClock clock;
    protected RecordingNotifier sent;
    protected List<Signal> signals;
    protected Vigil vigil;
    protected Events events;
    protected Entities entities;

    @BeforeEach
    void buildVigil() {
        clock = ManualClock.at("2025-01-15T12:00:00Z");
        sent = new RecordingNotifier();
        signals = Collections.synchronizedList(new ArrayList<>());
        vigil = Vigil.builder().store(store).closeStoreOnClose(false).clock(clock).notifier(sent)
                .onSignal(signals::add).build();
        events = vigil.events();
        entities = vigil.entities();
    }

    @AfterEach
    void closeVigil() {
        vigil.close();
    }

    private String bookingService() {
        vigil.services().report(HealthReport.of(BOOKING, "OPERATIONAL"));
        return Entities.entityId("SERVICE", BOOKING);
    }

    private EventIngest error(String title) {
        return EventIngest.of(EventType.ERROR_EVENT, title).on(ON_BOOKING).withTimes(null, null, 30);
    }

    /** The problems' notified transitions so far (a service's own first report notifies too). */
    private List<Transition> notified() {
        vigil.tick();
        return sent.transitions().stream().filter(t -> t.kind().equals("problem")).toList();
    }

    @Test
    void aProblemOpensNotifiesOnceAndClosesExactlyAtItsEnd() {
        String service = bookingService();
        IngestResult r = events.ingest(error("Product catalog update failed"));
        assertThat(r.reportCount()).isEqualTo(1);
        IngestResult.Report rep = r.reports().get(0);
        assertThat(rep.status()).isEqualTo(IngestResult.Status.OK);
        assertThat(rep.correlationId()).matches("[0-9a-f]{16}");
        assertThat(rep.entityId()).isEqualTo(service);
        Event e = events.find(rep.eventId()).orElseThrow();
        Problem p = events.problem(e.problemId()).orElseThrow();
        assertThat(p.status()).isEqualTo("OPEN");
        assertThat(p.severityLevel()).isEqualTo("ERROR");
        assertThat(p.impactLevel()).isEqualTo("SERVICES");
        assertThat(p.displayId()).matches("P-\\d+");
        assertThat(p.end()).isEqualTo(Instant.parse("2025-01-15T12:30:00Z"));
        List<Transition> opened = notified();
        assertThat(opened).hasSize(1);
        assertThat(opened.get(0).to()).isEqualTo("OPEN");
        assertThat(opened.get(0).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(opened.get(0).allLabels()).containsEntry("entity_type", "SERVICE")
                .containsEntry("event_type", "ERROR_EVENT").containsEntry("entity_name", "BookingService");

        clock.advance(Duration.ofMinutes(30).minusMillis(1));
        assertThat(notified()).hasSize(1);
        assertThat(events.problem(p.problemId()).orElseThrow().isOpen()).isTrue();
        clock.advance(Duration.ofMillis(1));
        List<Transition> all = notified();
        assertThat(all).hasSize(2);
        assertThat(all.get(1).from()).isEqualTo("OPEN");
        assertThat(all.get(1).to()).isEqualTo("CLOSED");
        assertThat(all.get(1).severity()).isEqualTo(Severity.RESOLVED);
        Problem closed = events.problem(p.problemId()).orElseThrow();
        assertThat(closed.status()).isEqualTo("CLOSED");
        assertThat(closed.closedAt()).isEqualTo(Instant.parse("2025-01-15T12:30:00Z"));
        clock.advance(Duration.ofHours(1));
        assertThat(notified()).hasSize(2);
    }

    @Test
    void theSameTypeAndTitleWhileOpenExtendsTheProblemWithoutNotifying() {
        bookingService();
        String first = events.find(events.ingest(error("Catalog failed")).reports().get(0).eventId()).orElseThrow()
                .problemId();
        assertThat(notified()).hasSize(1);
        clock.advance(Duration.ofMinutes(20));
        Event second = events.find(events.ingest(error("Catalog failed")).reports().get(0).eventId()).orElseThrow();
        assertThat(second.problemId()).isEqualTo(first);
        Problem p = events.problem(first).orElseThrow();
        assertThat(p.events()).hasSize(2);
        assertThat(p.end()).isEqualTo(Instant.parse("2025-01-15T12:50:00Z"));
        assertThat(notified()).hasSize(1);
        // another title is another problem
        Event other = events.find(events.ingest(error("Something else")).reports().get(0).eventId()).orElseThrow();
        assertThat(other.problemId()).isNotEqualTo(first);
        assertThat(notified()).hasSize(2);
        clock.advance(Duration.ofMinutes(10)); // 12:30, the first event's own end: the problem stays open
        assertThat(notified()).hasSize(2);
        assertThat(events.problem(first).orElseThrow().isOpen()).isTrue();
        clock.advance(Duration.ofMinutes(20)); // 12:50
        assertThat(notified()).extracting(Transition::to).containsExactly("OPEN", "OPEN", "CLOSED", "CLOSED");
        // after it closed, the same type and title open a new problem
        Event again = events.find(events.ingest(error("Catalog failed")).reports().get(0).eventId()).orElseThrow();
        assertThat(again.problemId()).isNotEqualTo(first);
    }

    @Test
    void allowDavisMergeFalseOpensAProblemOfItsOwn() {
        bookingService();
        String first = events.find(events.ingest(error("Catalog failed")).reports().get(0).eventId()).orElseThrow()
                .problemId();
        EventIngest noMerge = error("Catalog failed").withProperties(Map.of("allowDavisMerge", "false",
                "Catalog", "APAC travels"));
        String second = events.find(events.ingest(noMerge).reports().get(0).eventId()).orElseThrow().problemId();
        assertThat(second).isNotEqualTo(first);
        EventIngest reserved = error("Catalog failed").withProperties(Map.of("dt.event.allow_davis_merge", "false"));
        String third = events.find(events.ingest(reserved).reports().get(0).eventId()).orElseThrow().problemId();
        assertThat(third).isNotEqualTo(first).isNotEqualTo(second);
        // a merging one joins the first, never the ones that refused merging
        String fourth = events.find(events.ingest(error("Catalog failed")).reports().get(0).eventId()).orElseThrow()
                .problemId();
        assertThat(fourth).isEqualTo(first);
        assertThat(notified()).extracting(Transition::to).containsExactly("OPEN", "OPEN", "OPEN");
        assertThat(events.problems(new Events.ProblemQuery(clock.instant().minusSeconds(60), clock.instant(),
                "status(OPEN)", null, 50, 0)).totalCount()).isEqualTo(3);
    }

    @Test
    void informationalEventsAreRecordedAndNeverNotify() {
        String service = bookingService();
        IngestResult r = events.ingest(EventIngest.of(EventType.CUSTOM_INFO, "Loadtest start").on(ON_BOOKING)
                .withTimes(null, null, 30).withProperties(Map.of("Tool", "MyLoadTool", "Load per minute", "100")));
        assertThat(r.reports()).extracting(IngestResult.Report::status).containsExactly(IngestResult.Status.OK);
        assertThat(notified()).isEmpty();
        Event e = events.find(r.reports().get(0).eventId()).orElseThrow();
        assertThat(e.problemId()).isNull();
        assertThat(e.entityId()).isEqualTo(service);
        assertThat(e.isOpen(clock.instant())).isTrue();
        Signal s = signals.stream().filter(x -> x.source().equals(Signal.EVENT)).findFirst().orElseThrow();
        assertThat(s.fields()).containsEntry("connector", "events").containsEntry("component", "BookingService")
                .containsEntry("resource", "CUSTOM_INFO").containsEntry("entity_id", service)
                .containsEntry("property.Tool", "MyLoadTool").containsEntry("correlation_id", e.correlationId());
        Events.Page<Event> page = events.query(new Events.Query(clock.instant().minus(Duration.ofHours(2)),
                clock.instant().plusMillis(1), "eventType(CUSTOM_INFO),property.Tool(MyLoadTool)", null, 100, 0));
        assertThat(page.items()).extracting(Event::eventId).containsExactly(e.eventId());
        assertThat(events.query(new Events.Query(clock.instant().minus(Duration.ofHours(2)),
                clock.instant().plusMillis(1), "status(CLOSED)", null, 100, 0)).totalCount()).isZero();
        assertThat(events.query(new Events.Query(clock.instant().minus(Duration.ofHours(2)),
                clock.instant().plusMillis(1), null, "type(HOST)", 100, 0)).totalCount()).isZero();
    }

    @Test
    void theSeedsRelationshipSelectorReachesTheGroupsActiveHostsOnly() {
        Entity group = entities.define(EntityDefinition.of("HOST_GROUP", "cloud-burst-hosts"));
        entities.define(EntityDefinition.of("HOST", "burst-1").withRelationship("isInstanceOf", group.entityId()));
        entities.define(EntityDefinition.of("HOST", "burst-2").withRelationship("isInstanceOf", group.entityId()));
        entities.define(EntityDefinition.of("HOST", "steady-1"));
        IngestResult r = events.ingest(EventIngest.of(EventType.MARKED_FOR_TERMINATION, "Planned host downscale")
                .on("type(HOST),fromRelationship.isInstanceOf(type(HOST_GROUP),entityName(cloud-burst-hosts))")
                .withProperties(Map.of("job.number", "21234346")));
        assertThat(r.reportCount()).isEqualTo(2);
        assertThat(r.reports()).extracting(IngestResult.Report::entityId).containsExactlyInAnyOrder(
                Entities.entityId("HOST", "burst-1"), Entities.entityId("HOST", "burst-2"));
        assertThat(entities.find(group.entityId()).orElseThrow().toRelationships().get("isInstanceOf")).hasSize(2);

        // a day later only burst-2 was active: the event reaches it alone
        clock.advance(Duration.ofHours(25));
        entities.define(EntityDefinition.of("HOST", "burst-2").withRelationship("isInstanceOf", group.entityId()));
        assertThat(events.ingest(EventIngest.of(EventType.CUSTOM_INFO, "x")
                .on("type(HOST),fromRelationship.isInstanceOf(type(HOST_GROUP),entityName(cloud-burst-hosts))"))
                .reports()).extracting(IngestResult.Report::entityId).containsExactly(
                        Entities.entityId("HOST", "burst-2"));
        // entityId reaches an entity whatever its activity; no active match falls back to the environment
        assertThat(events.ingest(EventIngest.of(EventType.CUSTOM_INFO, "x").on("entityId("
                + Entities.entityId("HOST", "burst-1") + ")")).reports().get(0).entityId())
                .isEqualTo(Entities.entityId("HOST", "burst-1"));
        assertThat(events.ingest(EventIngest.of(EventType.CUSTOM_INFO, "x").on("type(HOST),entityName(steady)"))
                .reports().get(0).entityId()).isEqualTo(entities.environment().entityId());
    }

    @Test
    void invalidReportsAreNamedAndStoreNothing() {
        entities.define(EntityDefinition.of("HOST", "h1"));
        String service = bookingService();
        long now = clock.instant().toEpochMilli();
        assertThat(status(EventIngest.of(EventType.MARKED_FOR_TERMINATION, "x").on(ON_BOOKING)))
                .isEqualTo(IngestResult.Status.INVALID_ENTITY_TYPE);
        assertThat(status(EventIngest.of(EventType.ERROR_EVENT, "x").on(ON_BOOKING)
                .withTimes(now - Duration.ofHours(7).toMillis(), null, null))).isEqualTo(
                        IngestResult.Status.INVALID_TIMESTAMPS);
        assertThat(status(EventIngest.of(EventType.CUSTOM_INFO, "x").on(ON_BOOKING)
                .withTimes(now - Duration.ofHours(7).toMillis(), null, null))).isEqualTo(IngestResult.Status.OK);
        assertThat(status(EventIngest.of(EventType.CUSTOM_INFO, "x").withTimes(now, now - 1, null)))
                .isEqualTo(IngestResult.Status.INVALID_TIMESTAMPS);
        assertThat(status(EventIngest.of(EventType.ERROR_EVENT, "x").withTimes(now + 360_000, null, null)))
                .isEqualTo(IngestResult.Status.INVALID_TIMESTAMPS);
        assertThat(status(EventIngest.of(EventType.CUSTOM_INFO, "x").withProperties(Map.of("dt.foo", "1"))))
                .isEqualTo(IngestResult.Status.INVALID_METADATA);
        assertThat(status(EventIngest.of(EventType.CUSTOM_INFO, "x").withProperties(
                Map.of("dt.event.allow_davis_merge", "maybe")))).isEqualTo(IngestResult.Status.INVALID_METADATA);
        assertThat(status(EventIngest.of(EventType.CUSTOM_INFO, "x").withProperties(Map.of("k", "v".repeat(4097)))))
                .isEqualTo(IngestResult.Status.INVALID_METADATA);
        assertThat(notified()).isEmpty();
        assertThat(events.query(new Events.Query(clock.instant().minus(Duration.ofDays(1)),
                clock.instant().plusMillis(1), null, null, 100, 0)).totalCount()).isEqualTo(1);
        assertThatThrownBy(() -> events.ingest(EventIngest.of(EventType.CUSTOM_INFO, "x").on("type(HOST")))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.path()).isEqualTo("entitySelector");
                    assertThat(e.getMessage()).contains("position 9");
                });
        assertThatThrownBy(() -> EventIngest.of(EventType.CUSTOM_INFO, " ")).isInstanceOf(InvalidEventException.class);
        assertThat(service).isNotEmpty();
    }

    private IngestResult.Status status(EventIngest in) {
        IngestResult r = events.ingest(in);
        assertThat(r.reportCount()).isEqualTo(1);
        return r.reports().get(0).status();
    }

    @Test
    void timeoutDefaultsTo15MinutesAndIsCappedAt360() {
        Event dflt = events.find(events.ingest(EventIngest.of(EventType.CUSTOM_ALERT, "a")).reports().get(0)
                .eventId()).orElseThrow();
        assertThat(Duration.between(dflt.start(), dflt.end())).isEqualTo(Duration.ofMinutes(15));
        assertThat(dflt.entityId()).isEqualTo(entities.environment().entityId());
        Event capped = events.find(events.ingest(EventIngest.of(EventType.CUSTOM_ALERT, "b")
                .withTimes(null, null, 100_000)).reports().get(0).eventId()).orElseThrow();
        assertThat(Duration.between(capped.start(), capped.end())).isEqualTo(Duration.ofMinutes(360));
    }

    @Test
    void entitiesComeFromServicesMonitorsAndDefinitionsAndKeepTheirIds() {
        String service = bookingService();
        Entity s = entities.find(service).orElseThrow();
        assertThat(s.type()).isEqualTo("SERVICE");
        assertThat(s.displayName()).isEqualTo("BookingService");
        assertThat(s.properties()).containsEntry("path", BOOKING);
        Entity h = entities.define(EntityDefinition.of("HOST", "burst-1").withTags("env:prod", "[AWS]zone:a"));
        assertThat(h.entityId()).isEqualTo(Entities.entityId("HOST", "burst-1")).matches("HOST-[0-9A-F]{16}");
        assertThat(h.tags()).extracting(t -> t.stringRepresentation()).containsExactly("env:prod", "[AWS]zone:a");
        clock.advance(Duration.ofMinutes(5));
        Entity again = entities.define(EntityDefinition.of("HOST", "burst-1").withTags("env:staging"));
        assertThat(again.entityId()).isEqualTo(h.entityId());
        assertThat(again.firstSeen()).isEqualTo(h.firstSeen());
        assertThat(again.lastSeen()).isEqualTo(clock.instant());
        assertThat(entities.select("type(HOST),tag(env:prod)", null)).isEmpty();
        assertThat(entities.select("type(HOST),tag(env:staging)", null)).hasSize(1);
        CustomDevice.Result cd = entities.customDevice(CustomDevice.of("dev-1", "Device 1"));
        assertThat(cd.entityId()).startsWith("CUSTOM_DEVICE-");
        assertThat(cd.groupId()).startsWith("CUSTOM_DEVICE_GROUP-");
        assertThat(entities.find(cd.entityId()).orElseThrow().fromRelationships())
                .containsEntry("isInstanceOf", List.of(cd.groupId()));
        assertThat(entities.select("type(SERVICE),entityName.equals(bookingservice)", null)).extracting(
                Entity::entityId).containsExactly(service);
        assertThat(entities.delete(h.entityId())).isTrue();
        assertThat(entities.find(h.entityId())).isEmpty();
    }

    @Test
    void anotherInstanceOnTheSameStoreSeesTheSameEntities() {
        Vigil other = Vigil.builder().store(store).closeStoreOnClose(false).clock(clock).notifier(sent).build();
        try {
            assertThat(other.entities().select("type(HOST)", null)).isEmpty(); // its index is loaded now
            Entity g = entities.define(EntityDefinition.of("HOST_GROUP", "g"));
            entities.define(EntityDefinition.of("HOST", "h").withRelationship("isInstanceOf", g.entityId()));
            assertThat(other.entities().select("type(HOST),fromRelationships.isInstanceOf(type(HOST_GROUP))", null))
                    .extracting(Entity::displayName).containsExactly("h");
            entities.delete(g.entityId());
            assertThat(other.entities().find(g.entityId())).isEmpty();
            assertThat(other.events().ingest(EventIngest.of(EventType.CUSTOM_INFO, "x").on("type(HOST)"))
                    .reports().get(0).entityId()).isEqualTo(Entities.entityId("HOST", "h"));
        } finally {
            other.close();
        }
    }

    @Test
    void theAppsOfAlertRuleTasksAreEntitiesWhileATaskWatchesThem() {
        Vigil other = Vigil.builder().store(store).closeStoreOnClose(false).clock(clock).notifier(sent).build();
        try {
            assertThat(other.entities().select("type(APPLICATION)", null)).isEmpty(); // its index is loaded now
            vigil.tasks().create(dev.vigil.task.TaskSpec.fiveXx("billing-prod", dev.vigil.task.Tolerance.MEDIUM)
                    .post("https://hooks.example.com/t").build());
            vigil.tasks().create(dev.vigil.task.TaskSpec.crashed("billing-prod").slack("#ops").build());
            vigil.tasks().create(dev.vigil.task.TaskSpec.crashed("search").slack("#ops").build());
            String id = Entities.entityId("APPLICATION", "billing-prod");
            for (Vigil v : List.of(vigil, other)) {
                assertThat(v.entities().select("type(APPLICATION),entityName(billing-prod)", null)).singleElement()
                        .satisfies(e -> {
                            assertThat(e.entityId()).isEqualTo(id).startsWith("APPLICATION-");
                            assertThat(e.displayName()).isEqualTo("billing-prod");
                            assertThat(e.tags()).extracting(EntityTag::stringRepresentation)
                                    .containsExactly("alert:5xx", "alert:crashed");
                        });
            }
            // events can be sent to it, by selector
            assertThat(events.ingest(EventIngest.of(EventType.CUSTOM_DEPLOYMENT, "v42")
                    .on("type(APPLICATION),tag(alert:5xx)")).reports()).singleElement()
                    .satisfies(r -> assertThat(r.entityId()).isEqualTo(id));

            vigil.tasks().delete(dev.vigil.task.TaskType.FIVE_XX, "billing-prod"); // still watched by another task
            assertThat(other.entities().find(id)).hasValueSatisfying(e -> assertThat(e.tags())
                    .extracting(EntityTag::stringRepresentation).containsExactly("alert:crashed"));
            vigil.tasks().delete(dev.vigil.task.TaskType.CRASHED, "billing-prod");
            assertThat(entities.find(id)).isEmpty();
            assertThat(other.entities().find(id)).isEmpty();
            assertThat(other.entities().select("type(APPLICATION)", null)).extracting(Entity::displayName)
                    .containsExactly("search");
        } finally {
            other.close();
        }
    }

    @Test
    void reApplyingAnUnchangedConfigurationIsNoActivity() throws java.io.IOException {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("vigil-entities", ".yaml");
        try {
            java.nio.file.Files.writeString(file, "entities:\n  - type: HOST\n    displayName: db-1\n");
            vigil.applyConfig(file);
            Instant created = clock.instant();
            clock.advance(Duration.ofHours(2));
            vigil.applyConfig(file);
            Entity e = entities.find(Entities.entityId("HOST", "db-1")).orElseThrow();
            assertThat(e.lastSeen()).isEqualTo(created);
            java.nio.file.Files.writeString(file, "entities:\n  - type: HOST\n    displayName: db-1\n    tags: [x]\n");
            vigil.applyConfig(file);
            assertThat(entities.find(e.entityId()).orElseThrow().lastSeen()).isEqualTo(clock.instant());
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Test
    void eventsArePrunedPastTheRetention() {
        String id = events.ingest(EventIngest.of(EventType.CUSTOM_INFO, "old")).reports().get(0).eventId();
        String alert = events.ingest(EventIngest.of(EventType.CUSTOM_ALERT, "old alert")).reports().get(0).eventId();
        String problem = events.find(alert).orElseThrow().problemId();
        clock.advance(Duration.ofDays(29));
        vigil.tick(); // closes the problem (at its end, 15 minutes after it opened)
        events.ingest(EventIngest.of(EventType.CUSTOM_INFO, "kept"));
        assertThat(events.find(id)).isPresent();
        assertThat(events.problem(problem)).isPresent();
        clock.advance(Duration.ofDays(2));
        events.ingest(EventIngest.of(EventType.CUSTOM_INFO, "new"));
        assertThat(events.find(id)).isEmpty();
        assertThat(events.find(alert)).isEmpty();
        assertThat(events.problem(problem)).isEmpty();
    }
}
