package dev.vigil.spring.boot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** Vigil's settings under {@code vigil.*}. */
@ConfigurationProperties("vigil")
public class VigilProperties {

    /** Where Vigil keeps its state. */
    public enum StoreType {
        /**
         * The application's DataSource when it is H2 or PostgreSQL, memory when there is none; any other database
         * fails the start (set {@code vigil.store=memory} or define a {@code VigilStore} bean).
         */
        AUTO,
        /** In memory: lost on restart. */
        MEMORY,
        /** The application's DataSource (H2 or PostgreSQL); fails the start without one. */
        JDBC
    }

    /**
     * Where Vigil keeps its state: auto (the application's H2 or PostgreSQL DataSource, or memory without a
     * DataSource), memory, or jdbc.
     */
    private StoreType store = StoreType.AUTO;

    /** A YAML file of monitors, services, heartbeats, channels and routing, applied at start (a file path). */
    private @Nullable Path config;

    /** Let webhook and Slack channels reach private, loopback and link-local addresses (an SSRF guard when false). */
    private boolean allowPrivateTargets;

    /** How long a claim on due work lasts before another instance may take it over. */
    private Duration claimLease = Duration.ofSeconds(60);

    /** The longest the background threads sleep without looking at the store. */
    private Duration maxIdle = Duration.ofSeconds(1);

    /** How many due subjects or notifications one claim takes. */
    private int batchSize = 1000;

    /** How long ingested events are kept. */
    private Duration eventRetention = Duration.ofDays(30);

    private final Delivery delivery = new Delivery();
    private final Jdbc jdbc = new Jdbc();
    private final Http http = new Http();
    private final Metrics metrics = new Metrics();

    /** Notification delivery retries. */
    public static class Delivery {
        /** Attempts before a notification is kept as FAILED. */
        private int maxAttempts = 10;
        /** The first retry's delay; each further one doubles it, up to backoff-max. */
        private Duration backoffBase = Duration.ofSeconds(10);
        /** The longest delay between two attempts. */
        private Duration backoffMax = Duration.ofHours(1);

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getBackoffBase() {
            return backoffBase;
        }

        public void setBackoffBase(Duration backoffBase) {
            this.backoffBase = backoffBase;
        }

        public Duration getBackoffMax() {
            return backoffMax;
        }

        public void setBackoffMax(Duration backoffMax) {
            this.backoffMax = backoffMax;
        }
    }

    /** The JDBC store on the application's DataSource. */
    public static class Jdbc {
        /**
         * Bring Vigil's schema up to date at start. False when Flyway or Liquibase owns the DDL: the schema must then
         * already be at this Vigil's version.
         */
        private boolean runMigrations = true;
        /** The schema of Vigil's tables (created if missing); by default the connection's current schema. */
        private @Nullable String schema;
        /** Prefix of every table, index and constraint name; may be empty. */
        private String tablePrefix = "vigil_";
        /** Concurrent pushes sharing one transaction at most; 1 turns group commit off. */
        private int groupCommit = 256;

        public boolean isRunMigrations() {
            return runMigrations;
        }

        public void setRunMigrations(boolean runMigrations) {
            this.runMigrations = runMigrations;
        }

        public @Nullable String getSchema() {
            return schema;
        }

        public void setSchema(@Nullable String schema) {
            this.schema = schema;
        }

        public String getTablePrefix() {
            return tablePrefix;
        }

        public void setTablePrefix(String tablePrefix) {
            this.tablePrefix = tablePrefix;
        }

        public int getGroupCommit() {
            return groupCommit;
        }

        public void setGroupCommit(int groupCommit) {
            this.groupCommit = groupCommit;
        }
    }

    /** Vigil's HTTP API, served by VigilServlet in a servlet web application. */
    public static class Http {
        /** Register VigilServlet. */
        private boolean enabled = true;
        /** The servlet mapping VigilServlet is registered at, e.g. /monitoring/* or /*. */
        private String path = "/monitoring/*";
        /** The largest request body accepted (413 beyond). */
        private DataSize maxBodySize = DataSize.ofKilobytes(64);
        /** API keys (X-API-Key), each given in clear (key) or as its hash (key-hash), with optional scopes. */
        private List<ApiKey> apiKeys = new ArrayList<>();
        /** API tokens (Authorization: Api-Token ...) and their scopes, for the Dynatrace-style routes. */
        private List<ApiToken> apiTokens = new ArrayList<>();
        private final Basic basic = new Basic();
        /** Open the task routes (not data in) to anyone: for a drop-in replacement behind a trusted network only. */
        private boolean openTaskRoutes;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getPath() {
            return path;
        }

        public void setPath(String path) {
            this.path = path;
        }

        public DataSize getMaxBodySize() {
            return maxBodySize;
        }

        public void setMaxBodySize(DataSize maxBodySize) {
            this.maxBodySize = maxBodySize;
        }

        public List<ApiKey> getApiKeys() {
            return apiKeys;
        }

        public void setApiKeys(List<ApiKey> apiKeys) {
            this.apiKeys = apiKeys;
        }

        public List<ApiToken> getApiTokens() {
            return apiTokens;
        }

        public void setApiTokens(List<ApiToken> apiTokens) {
            this.apiTokens = apiTokens;
        }

        public Basic getBasic() {
            return basic;
        }

        public boolean isOpenTaskRoutes() {
            return openTaskRoutes;
        }

        public void setOpenTaskRoutes(boolean openTaskRoutes) {
            this.openTaskRoutes = openTaskRoutes;
        }
    }

    /** One API key. */
    public static class ApiKey {
        /** The key in clear (only its hash is kept). */
        private @Nullable String key;
        /** The key's hash instead (sha256:...), so the clear key need not be configured. */
        private @Nullable String keyHash;
        /** Scopes it is limited to (e.g. reports.write); none, or admin, is full access. */
        private List<String> scopes = new ArrayList<>();

        public @Nullable String getKey() {
            return key;
        }

        public void setKey(@Nullable String key) {
            this.key = key;
        }

        public @Nullable String getKeyHash() {
            return keyHash;
        }

        public void setKeyHash(@Nullable String keyHash) {
            this.keyHash = keyHash;
        }

        public List<String> getScopes() {
            return scopes;
        }

        public void setScopes(List<String> scopes) {
            this.scopes = scopes;
        }
    }

    /** One API token. */
    public static class ApiToken {
        /** The token (only its hash is kept). */
        private @Nullable String token;
        /** Its scopes, e.g. events.ingest, events.read. */
        private List<String> scopes = new ArrayList<>();

        public @Nullable String getToken() {
            return token;
        }

        public void setToken(@Nullable String token) {
            this.token = token;
        }

        public List<String> getScopes() {
            return scopes;
        }

        public void setScopes(List<String> scopes) {
            this.scopes = scopes;
        }
    }

    /** HTTP Basic credentials, for the Canopsis-style heartbeat routes. */
    public static class Basic {
        /** The user name. */
        private @Nullable String username;
        /** The password (only its hash is kept). */
        private @Nullable String password;

        public @Nullable String getUsername() {
            return username;
        }

        public void setUsername(@Nullable String username) {
            this.username = username;
        }

        public @Nullable String getPassword() {
            return password;
        }

        public void setPassword(@Nullable String password) {
            this.password = password;
        }
    }

    /** The Micrometer meters. */
    public static class Metrics {
        /** How long the outbox gauges show a count before reading it from the store again. */
        private Duration outboxRefresh = Duration.ofSeconds(15);

        public Duration getOutboxRefresh() {
            return outboxRefresh;
        }

        public void setOutboxRefresh(Duration outboxRefresh) {
            this.outboxRefresh = outboxRefresh;
        }
    }

    public StoreType getStore() {
        return store;
    }

    public void setStore(StoreType store) {
        this.store = store;
    }

    public @Nullable Path getConfig() {
        return config;
    }

    public void setConfig(@Nullable Path config) {
        this.config = config;
    }

    public boolean isAllowPrivateTargets() {
        return allowPrivateTargets;
    }

    public void setAllowPrivateTargets(boolean allowPrivateTargets) {
        this.allowPrivateTargets = allowPrivateTargets;
    }

    public Duration getClaimLease() {
        return claimLease;
    }

    public void setClaimLease(Duration claimLease) {
        this.claimLease = claimLease;
    }

    public Duration getMaxIdle() {
        return maxIdle;
    }

    public void setMaxIdle(Duration maxIdle) {
        this.maxIdle = maxIdle;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public Duration getEventRetention() {
        return eventRetention;
    }

    public void setEventRetention(Duration eventRetention) {
        this.eventRetention = eventRetention;
    }

    public Delivery getDelivery() {
        return delivery;
    }

    public Jdbc getJdbc() {
        return jdbc;
    }

    public Http getHttp() {
        return http;
    }

    public Metrics getMetrics() {
        return metrics;
    }
}
