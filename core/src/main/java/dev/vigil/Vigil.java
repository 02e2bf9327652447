package dev.vigil;

import dev.vigil.config.ApiKeyDefinition;
import dev.vigil.config.ChannelDefinition;
import dev.vigil.config.ConfigException;
import dev.vigil.config.ConfigResult;
import dev.vigil.config.RoutingConfig;
import dev.vigil.config.VigilConfig;
import dev.vigil.internal.BackgroundLoop;
import dev.vigil.internal.ChannelTypes;
import dev.vigil.internal.Channels;
import dev.vigil.internal.ConfigApplier;
import dev.vigil.internal.ConfigLoader;
import dev.vigil.internal.Dispatcher;
import dev.vigil.idempotency.Idempotency;
import dev.vigil.internal.IdempotencyKeys;
import dev.vigil.internal.Engine;
import dev.vigil.internal.EngineSubjects;
import dev.vigil.internal.EntityKind;
import dev.vigil.internal.EntityRegistry;
import dev.vigil.internal.EventService;
import dev.vigil.internal.ProblemKind;
import dev.vigil.internal.Evaluator;
import dev.vigil.internal.HeartbeatKind;
import dev.vigil.internal.HeartbeatService;
import dev.vigil.internal.Kinds;
import dev.vigil.internal.AppService;
import dev.vigil.internal.KapacitorPostNotifier;
import dev.vigil.internal.Listeners;
import dev.vigil.internal.ServiceKind;
import dev.vigil.internal.ServiceService;
import dev.vigil.internal.TaskKind;
import dev.vigil.internal.TaskService;
import dev.vigil.internal.UnconfiguredChannel;
import dev.vigil.internal.NotificationPolicy;
import dev.vigil.internal.PushMonitorKind;
import dev.vigil.internal.PushMonitorService;
import dev.vigil.internal.SignalBus;
import dev.vigil.internal.SilenceService;
import dev.vigil.heartbeat.Heartbeats;
import dev.vigil.kind.SubjectKind;
import dev.vigil.kind.Subjects;
import dev.vigil.model.Signal;
import dev.vigil.model.SubjectRef;
import dev.vigil.monitor.PushMonitors;
import dev.vigil.model.Text;
import dev.vigil.service.Services;
import dev.vigil.task.Apps;
import dev.vigil.task.Tasks;
import dev.vigil.entity.Entities;
import dev.vigil.event.Events;
import dev.vigil.notify.ChannelSettingException;
import dev.vigil.notify.ChannelType;
import dev.vigil.notify.LoggingNotifier;
import dev.vigil.notify.WebhookNotifier;
import dev.vigil.notify.Notifier;
import dev.vigil.notify.OutboundPolicy;
import dev.vigil.notify.Silences;
import dev.vigil.notify.Notifications;
import dev.vigil.observe.StoreErrorEvent;
import dev.vigil.observe.VigilListener;
import dev.vigil.spi.StoreUnavailableException;
import dev.vigil.spi.OutboxEntry;
import dev.vigil.spi.OutboxStatus;
import dev.vigil.spi.VigilStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vigil: one object per application, built once with {@link #builder()}, started with {@link #start()} and closed
 * on shutdown. Thread-safe.
 *
 * <pre>{@code
 * Vigil vigil = Vigil.builder().store(new MemoryStore()).config(Path.of("vigil.yaml")).build();
 * vigil.start();
 * }</pre>
 */
public final class Vigil implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Vigil.class);
    /** The channel that receives every notification unless other channels are named. */
    public static final String DEFAULT_CHANNEL = "default";
    /**
     * The channel that delivers to webhook URLs subjects carry as their own targets, through the outbound policy
     * (a config channel of this name replaces it).
     */
    public static final String WEBHOOK_CHANNEL = "webhook";

    private final VigilStore store;
    private final InstantSource clock;
    private final Engine engine;
    private final PushMonitorService monitors;
    private final ServiceService services;
    private final TaskService tasks;
    private final AppService apps;
    private final HeartbeatService heartbeats;
    private final EntityRegistry entities;
    private final EventService events;
    private final SilenceService silences;
    private final Evaluator evaluator;
    private final Dispatcher dispatcher;
    private final BackgroundLoop evaluatorLoop;
    private final BackgroundLoop dispatcherLoop;
    private final Wake dispatcherWake;
    private final Listeners listeners;
    private final @Nullable ConfigResult configResult;
    private final List<ApiKeyDefinition> apiKeys;
    private final Notifications notifications = new NotificationsView();
    private final Idempotency idempotency;
    private final boolean closeStore;
    private final Map<String, String> environment;
    private volatile boolean closed;
    private volatile boolean started;

    private Vigil(Builder b, VigilConfig config, Channels channels, RoutingConfig routing) {
        this.store = b.store;
        this.clock = b.clock;
        this.closeStore = b.closeStore;
        this.environment = b.environment;
        Wake evaluatorWake = new Wake();
        Wake dispatcherWake = new Wake();
        this.dispatcherWake = dispatcherWake;
        List<SubjectKind<?, ?>> kinds = new ArrayList<>();
        ServiceKind serviceKind = new ServiceKind(store);
        TaskKind taskKind = TaskKind.create(store.records());
        kinds.add(PushMonitorKind.INSTANCE);
        kinds.add(serviceKind);
        kinds.add(taskKind);
        kinds.add(HeartbeatKind.INSTANCE);
        kinds.add(EntityKind.INSTANCE);
        kinds.add(ProblemKind.INSTANCE);
        kinds.addAll(b.kinds);
        this.listeners = new Listeners(b.listeners, clock);
        this.engine = new Engine(store, clock, new Kinds(kinds), new NotificationPolicy(store, channels, routing),
                evaluatorWake, dispatcherWake, listeners);
        SignalBus signals = new SignalBus(b.signalListeners);
        this.monitors = new PushMonitorService(engine, channels, signals);
        this.services = new ServiceService(engine, serviceKind, signals);
        this.tasks = new TaskService(engine, taskKind, channels);
        this.apps = new AppService(engine, tasks, signals);
        this.entities = new EntityRegistry(engine, serviceKind);
        this.events = new EventService(engine, entities, signals, b.eventRetention);
        this.silences = new SilenceService(store, clock);
        this.idempotency = new IdempotencyKeys(store.idempotency(), clock);
        // a gap shorter than a few sleeps of the loop is just the loop sleeping
        Duration tolerance = b.maxIdle.multipliedBy(3).plusSeconds(5);
        // matching subscribes to every signal; coalesced matches are written before each evaluation pass
        this.heartbeats = new HeartbeatService(engine, signals, evaluatorWake, b.claimLease);
        this.evaluator = new Evaluator(store, engine, b.batchSize, b.claimLease, tolerance,
                heartbeats::beforeEvaluation);
        this.dispatcher = new Dispatcher(store.outbox(), channels, engine.kinds(), clock, b.claimLease,
                new Dispatcher.RetryPolicy(b.maxDeliveryAttempts, b.retryBase, b.retryMax),
                new Dispatcher.Limits(b.deliveryConcurrency, b.deliveriesPerDestination),
                () -> dispatcherWake.dueAt(clock.instant()), listeners);
        this.evaluatorLoop = new BackgroundLoop("vigil-evaluator", clock, b.maxIdle, now -> observed(
                StoreErrorEvent.Operation.EVALUATE, () -> {
                    evaluator.backgroundStep(millis(now));
                    return store.subjects().earliestDue();
                }));
        this.dispatcherLoop = new BackgroundLoop("vigil-dispatcher", clock, b.maxIdle, now -> observed(
                StoreErrorEvent.Operation.DELIVER, () -> dispatcher.backgroundStep(millis(now))));
        evaluatorWake.target = evaluatorLoop;
        dispatcherWake.target = dispatcherLoop;
        this.apiKeys = config.apiKeys();
        this.configResult = config.monitors().isEmpty() && config.channels().isEmpty() ? null
                : ConfigApplier.apply(config, monitors);
        ConfigApplier.declareServices(config, services);
        ConfigApplier.declareHeartbeats(config, heartbeats);
        config.entities().forEach(entities::declare);
    }

    /** Forwards wake-ups to a loop created after the engine that reports them. */
    private static final class Wake implements Engine.Wakeup {
        volatile Engine.@Nullable Wakeup target;

        @Override
        public void dueAt(Instant at) {
            Engine.Wakeup t = target;
            if (t != null) {
                t.dueAt(at);
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Push monitors: create, manage, push. */
    public PushMonitors monitors() {
        return monitors;
    }

    /**
     * The subjects of a kind registered with {@link Builder#kind} (or a built-in one), through the engine's one write
     * path.
     *
     * @throws IllegalArgumentException if this Vigil does not run the kind
     */
    public <S, T> Subjects<S, T> subjects(SubjectKind<S, T> kind) {
        if (engine.kinds().get(kind.name()) != kind) {
            throw new IllegalArgumentException("this Vigil does not run the kind '" + kind.name()
                    + "'; register it with Vigil.builder().kind(...)");
        }
        return new EngineSubjects<>(engine, kind);
    }

    /** Services (seed 000): health, storage and backup reports, declarations, the service tree. */
    public Services services() {
        return services;
    }

    /** Alert-rule tasks (seed 003): 5xx, memory, crashed and release tasks on apps. */
    public Tasks tasks() {
        return tasks;
    }

    /** Data in for tasks: app metrics, crashes and releases. */
    public Apps apps() {
        return apps;
    }

    /**
     * Heartbeats (seed 004): patterns matched against every signal, alerting when none matched for their interval;
     * and Canopsis check events.
     */
    public Heartbeats heartbeats() {
        return heartbeats;
    }

    /**
     * Entities (seed 001): services, push monitors, the environment and explicit entities, selected with Dynatrace's
     * entity selector language.
     */
    public Entities entities() {
        return entities;
    }

    /** Events and problems (seed 001): ingest, query, and the problems problem-opening events open. */
    public Events events() {
        return events;
    }

    /** Silences and maintenance windows: matching transitions are recorded but not notified. */
    public Silences silences() {
        return silences;
    }

    /**
     * Idempotency keys: what the HTTP API uses for {@code Idempotency-Key}; a host's own code can run its calls into
     * Vigil under a key too.
     */
    public Idempotency idempotency() {
        return idempotency;
    }

    /** The notifications: list and find deliveries and failures, retry failed ones. */
    public Notifications notifications() {
        return notifications;
    }

    /**
     * The API keys of the configuration's {@code http.api_keys} (hashes and scopes), for
     * {@code VigilHttp.builder(vigil)}; empty without a configuration file.
     */
    public List<ApiKeyDefinition> apiKeys() {
        return apiKeys;
    }

    public InstantSource clock() {
        return clock;
    }

    /** What applying the builder's configuration did, including generated secrets (shown nowhere else). */
    public Optional<ConfigResult> configResult() {
        return Optional.ofNullable(configResult);
    }

    /**
     * Applies a configuration file's monitors, services and heartbeats now (idempotent: monitors are matched by
     * name, services by path, heartbeats by pattern), with the builder's environment for {@code ${VAR}}. Channels the monitors name must already be known
     * to this instance; the file's channel and routing sections are not re-read.
     */
    public ConfigResult applyConfig(Path file) {
        VigilConfig config = ConfigLoader.load(file, environment);
        ConfigResult result = ConfigApplier.apply(config, monitors);
        ConfigApplier.declareServices(config, services);
        ConfigApplier.declareHeartbeats(config, heartbeats);
        config.entities().forEach(entities::declare);
        return result;
    }

    /**
     * Starts the background evaluator and delivery threads. Idempotent. If no instance evaluated for a while (this
     * one was stopped, or the store was unreachable), the gap is recorded first: deadlines that fell inside it move
     * to its end plus the subject's full period, since signals sent meanwhile were lost.
     */
    public void start() {
        if (closed) {
            throw new IllegalStateException("this Vigil is closed");
        }
        evaluator.resume(millis(clock.instant()));
        started = true;
        evaluatorLoop.start();
        dispatcherLoop.start();
    }

    /**
     * Evaluates everything due now and delivers due notifications, synchronously, on the calling thread. With a
     * manual clock this makes tests deterministic: advance the clock, tick, assert.
     */
    public TickResult tick() {
        Instant now = millis(clock.instant());
        int transitions = observed(StoreErrorEvent.Operation.EVALUATE, () -> evaluator.evaluateDue(now));
        int delivered = observed(StoreErrorEvent.Operation.DELIVER, () -> dispatcher.dispatchDue(now));
        return new TickResult(transitions, delivered);
    }

    /** Runs a step of the evaluator or the dispatcher, telling listeners when the store failed it. */
    private <T> T observed(StoreErrorEvent.Operation operation, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (StoreUnavailableException e) {
            listeners.storeError(operation, e);
            throw e;
        }
    }

    /** Throws {@link dev.vigil.spi.StoreUnavailableException} if the store cannot serve requests. */
    public void checkReady() {
        store.checkAvailable();
    }

    /** Stops the background threads (waiting for the current step) and closes the store if Vigil owns it. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        evaluatorLoop.close();
        dispatcherLoop.close();
        dispatcher.close();
        try {
            heartbeats.flush(); // matches not written yet
        } catch (RuntimeException e) {
            LOG.warn("Could not write the last heartbeat matches at close: {}", e.toString());
        }
        if (started) {
            evaluator.pause(millis(clock.instant()));
        }
        if (closeStore) {
            store.close();
        }
    }

    private static Instant millis(Instant now) {
        return now.truncatedTo(ChronoUnit.MILLIS);
    }

    /** {@link #notifications()}: the outbox, read and retried through the store. */
    private final class NotificationsView implements Notifications {
        private static final int MAX_ID_LENGTH = 64;

        @Override
        public List<OutboxEntry> list(@Nullable OutboxStatus status, int limit) {
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", got " + limit);
            }
            return store.outbox().list(status, limit);
        }

        @Override
        public Optional<OutboxEntry> find(String id) {
            Objects.requireNonNull(id, "id");
            return id.isEmpty() || id.length() > MAX_ID_LENGTH ? Optional.empty() : store.outbox().find(id);
        }

        @Override
        public boolean retry(String id) {
            Objects.requireNonNull(id, "id");
            if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
                return false;
            }
            Instant now = millis(clock.instant());
            if (!store.outbox().requeue(id, now)) {
                return false;
            }
            dispatcherWake.dueAt(now);
            return true;
        }

        @Override
        public long count(OutboxStatus status) {
            return store.outbox().count(Objects.requireNonNull(status, "status"));
        }

        @Override
        public String toString() {
            return "Notifications";
        }
    }

    /** Collects settings; {@link #build()} validates all of them and applies the configuration. */
    public static final class Builder {
        private @Nullable VigilStore store;
        private InstantSource clock = InstantSource.system();
        private final Map<String, Notifier> channels = new LinkedHashMap<>();
        private @Nullable Notifier defaultNotifier;
        private @Nullable Path configFile;
        private Map<String, String> environment = System.getenv();
        private int batchSize = 1000;
        private Duration claimLease = Duration.ofSeconds(60);
        private Duration maxIdle = Duration.ofSeconds(1);
        private int maxDeliveryAttempts = 10;
        private int deliveryConcurrency = 32;
        private int deliveriesPerDestination = 4;
        private Duration retryBase = Duration.ofSeconds(10);
        private Duration retryMax = Duration.ofHours(1);
        private boolean closeStore = true;
        private boolean allowPrivateTargets;
        private RoutingConfig.@Nullable Flapping flapping;
        private final List<Consumer<Signal>> signalListeners = new ArrayList<>();
        private final List<VigilListener> listeners = new ArrayList<>();
        private final List<SubjectKind<?, ?>> kinds = new ArrayList<>();
        private final Map<String, ChannelType> channelTypes = new LinkedHashMap<>();
        private Duration eventRetention = Duration.ofDays(30);

        private Builder() {
        }

        /**
         * Runs a kind of subject of the host's own, beside the built-in ones, through the same engine and store (no
         * store change, no migration). Its wire name must be unique.
         */
        public Builder kind(SubjectKind<?, ?> kind) {
            if (kind.name().equals(PushMonitorKind.NAME) || kind.name().equals(ServiceKind.NAME)
                    || kind.name().equals(TaskKind.NAME) || kind.name().equals(HeartbeatKind.NAME)
                    || kind.name().equals(EntityKind.NAME) || kind.name().equals(ProblemKind.NAME)
                    || kinds.stream().anyMatch(k -> k.name().equals(kind.name()))) {
                throw new IllegalArgumentException("a subject kind named '" + kind.name() + "' is registered already");
            }
            if (!SubjectRef.isKindName(kind.name())) {
                throw new IllegalArgumentException("a subject kind's name must be lower_snake_case, at most 40"
                        + " characters, got '" + Text.forLog(kind.name()) + "'");
            }
            kinds.add(kind);
            return this;
        }

        /** Where state lives: {@code new MemoryStore()}, {@code JdbcStore.h2(ds)}, ... Required. */
        public Builder store(VigilStore store) {
            this.store = store;
            return this;
        }

        /** Whether {@link Vigil#close()} closes the store too (default true). */
        public Builder closeStoreOnClose(boolean close) {
            this.closeStore = close;
            return this;
        }

        /** The time source (default: the system clock). Tests pass a {@code ManualClock}. */
        public Builder clock(InstantSource clock) {
            this.clock = clock;
            return this;
        }

        /**
         * The default notifier: it receives every notification, whatever channels a monitor names. Without one, a
         * {@link LoggingNotifier} is used.
         */
        public Builder notifier(Notifier notifier) {
            this.defaultNotifier = notifier;
            return this;
        }

        /**
         * A channel type the config's {@code channels.<name>.type} can name, beside the built-in {@code log},
         * {@code webhook}, {@code slack} and {@code email} (a host type of the same name replaces a built-in one).
         */
        public Builder channelType(String type, ChannelType factory) {
            if (!type.matches("[a-z][a-z0-9_-]{0,39}")) {
                throw new IllegalArgumentException("channel type must be a lower-case name of at most 40 characters,"
                        + " got '" + Text.forLog(type) + "'");
            }
            channelTypes.put(type, factory);
            return this;
        }

        /** A named channel that monitors refer to in {@code notifications}; overrides a config channel of that name. */
        public Builder channel(String name, Notifier notifier) {
            if (name.isBlank() || name.equals(DEFAULT_CHANNEL)) {
                throw new IllegalArgumentException("channel name must be non-blank and not '" + DEFAULT_CHANNEL
                        + "' (use notifier(...) for the default)");
            }
            channels.put(name, notifier);
            return this;
        }

        /**
         * Lets webhook and Slack channels reach private, loopback and link-local addresses (default: refused, as an
         * SSRF guard). The config's {@code outbound.allow_private_targets: true} does the same.
         */
        public Builder allowPrivateTargets(boolean allow) {
            this.allowPrivateTargets = allow;
            return this;
        }

        /**
         * Flap damping: {@code changes} state changes of one subject within {@code window} send one "flapping"
         * notification, then nothing until it has been stable for the window. Overrides the config's
         * {@code routing.flapping}. Off by default.
         */
        public Builder flapping(int changes, Duration window) {
            this.flapping = new RoutingConfig.Flapping(changes, window);
            return this;
        }

        /**
         * Observes every accepted input as a {@link Signal}, on the ingest thread, after it is recorded (for audit
         * trails or forwarding). Keep it fast; an exception it throws is logged and does not fail the input.
         */
        public Builder onSignal(Consumer<Signal> listener) {
            signalListeners.add(listener);
            return this;
        }

        /**
         * Hears what this Vigil does (inputs, transitions, deliveries, evaluator passes, store errors), e.g. for
         * metrics ({@code vigil-micrometer}'s {@code VigilMetrics}). Several may be added; each is called on Vigil's
         * threads, and an exception it throws is logged and ignored.
         */
        public Builder listener(VigilListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** A YAML file with {@code monitors:} and {@code channels:}, applied by {@link #build()}. */
        public Builder config(Path file) {
            this.configFile = file;
            return this;
        }

        /** Variables for {@code ${VAR}} in the config (default: the process environment). */
        public Builder environment(Map<String, String> env) {
            this.environment = Map.copyOf(env);
            return this;
        }

        /** How many due subjects one evaluator claim takes (default 1000). */
        public Builder batchSize(int size) {
            if (size < 1 || size > 100_000) {
                throw new IllegalArgumentException("batchSize must be between 1 and 100000, got " + size);
            }
            this.batchSize = size;
            return this;
        }

        /** How long a claim on due work lasts before another instance may take it over (default 60 s). */
        public Builder claimLease(Duration lease) {
            if (lease.compareTo(Duration.ofSeconds(1)) < 0 || lease.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("claimLease must be between 1s and 1h, got " + lease);
            }
            this.claimLease = lease;
            return this;
        }

        /**
         * The longest the background threads sleep without looking at the store (default 1 s). It bounds how late
         * work created by another instance sharing the database is seen.
         */
        public Builder maxIdle(Duration idle) {
            if (idle.compareTo(Duration.ofMillis(10)) < 0 || idle.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("maxIdle must be between 10ms and 10min, got " + idle);
            }
            this.maxIdle = idle;
            return this;
        }

        /** How long ingested events are kept (default 30 days, 1 hour to 10 years). */
        public Builder eventRetention(Duration retention) {
            if (retention.compareTo(Duration.ofHours(1)) < 0 || retention.compareTo(Duration.ofDays(3650)) > 0) {
                throw new IllegalArgumentException("eventRetention must be between 1h and 3650 days, got " + retention);
            }
            this.eventRetention = retention;
            return this;
        }

        /** Delivery retries: attempts before an entry is kept as FAILED, and the backoff (default 10, 10s..1h). */
        public Builder deliveryRetries(int maxAttempts, Duration base, Duration max) {
            new Dispatcher.RetryPolicy(maxAttempts, base, max); // validates
            this.maxDeliveryAttempts = maxAttempts;
            this.retryBase = base;
            this.retryMax = max;
            return this;
        }

        /**
         * How many notifications are delivered at once (default 32), and at most how many of them to one destination
         * (a channel, or one target a subject carries; default 4), so that a slow or dead endpoint delays only its own
         * notifications. Notifiers are called from several threads.
         */
        public Builder deliveryConcurrency(int concurrency, int perDestination) {
            new Dispatcher.Limits(concurrency, perDestination); // validates
            this.deliveryConcurrency = concurrency;
            this.deliveriesPerDestination = perDestination;
            return this;
        }

        /**
         * Validates every setting, loads and checks the configuration, and applies it to the store.
         *
         * @throws IllegalStateException if no store was given
         * @throws ConfigException       if the configuration file is invalid
         */
        public Vigil build() {
            if (store == null) {
                throw new IllegalStateException("a store is required: .store(new MemoryStore()) or .store(JdbcStore...)");
            }
            VigilConfig config = configFile == null
                    ? new VigilConfig("", List.of(), Map.of(), false, RoutingConfig.NONE)
                    : ConfigLoader.load(configFile, environment);
            OutboundPolicy policy = allowPrivateTargets || config.allowPrivateTargets()
                    ? OutboundPolicy.allowingPrivateTargets() : OutboundPolicy.publicOnly();
            Map<String, Notifier> all = new LinkedHashMap<>();
            all.put(DEFAULT_CHANNEL, defaultNotifier != null ? defaultNotifier : new LoggingNotifier());
            // subjects may carry webhook URLs as their own targets; this channel delivers to them (SSRF-guarded)
            all.put(WEBHOOK_CHANNEL, WebhookNotifier.forAddresses().policy(policy).build());
            ChannelTypes types = new ChannelTypes(channelTypes);
            for (ChannelDefinition def : config.channels().values()) {
                if (!channels.containsKey(def.name())) {
                    try {
                        all.put(def.name(), types.create(def, policy));
                    } catch (ChannelSettingException e) {
                        throw new ConfigException(config.source(), def.line(), "channels." + def.name() + "." + e.key(),
                                e.getMessage());
                    }
                }
            }
            all.putAll(channels);
            // tasks' own targets: Kapacitor's alert JSON to post URLs; slack and email only when configured, else a
            // stand-in whose every delivery fails, visibly, saying what to configure
            all.putIfAbsent(Tasks.POST_CHANNEL, new KapacitorPostNotifier(policy));
            all.putIfAbsent(Tasks.SLACK_CHANNEL, new UnconfiguredChannel("no Slack integration is configured: add a"
                    + " channel named '" + Tasks.SLACK_CHANNEL + "' of type slack with a bot token (token: xoxb-...)"));
            all.putIfAbsent(Tasks.EMAIL_CHANNEL, new UnconfiguredChannel("no e-mail integration is configured: add a"
                    + " channel named '" + Tasks.EMAIL_CHANNEL + "' of type email (an SMTP server)"));
            Map<String, String> typeNames = new LinkedHashMap<>(); // for listeners: config channels by their type
            all.forEach((name, n) -> typeNames.put(name, Channels.typeOf(n)));
            config.channels().values().stream().filter(d -> !channels.containsKey(d.name()))
                    .forEach(d -> typeNames.put(d.name(), d.type()));
            Channels registry = new Channels(all, new LinkedHashSet<>(Set.of(DEFAULT_CHANNEL)), typeNames);
            for (int i = 0; i < config.monitors().size(); i++) {
                try {
                    registry.requireKnown(config.monitors().get(i).spec().notifications());
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(config.source(), 0, "monitors[" + i + "].notifications", e.getMessage());
                }
            }
            RoutingConfig routing = config.routing();
            if (flapping != null) {
                routing = new RoutingConfig(routing.routes(), routing.defaultChannels(), flapping);
            }
            for (int i = 0; i < routing.routes().size(); i++) {
                requireKnown(registry, config.source(), "routing.routes[" + i + "].channels",
                        routing.routes().get(i).channels());
            }
            requireKnown(registry, config.source(), "routing.default", routing.defaultChannels());
            return new Vigil(this, config, registry, routing);
        }

        private static void requireKnown(Channels registry, String source, String field, List<String> names) {
            try {
                registry.requireKnown(names);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(source, 0, field, e.getMessage());
            }
        }
    }
}
