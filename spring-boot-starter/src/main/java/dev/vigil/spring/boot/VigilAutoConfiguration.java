package dev.vigil.spring.boot;

import dev.vigil.Vigil;
import dev.vigil.http.VigilHttp;
import dev.vigil.http.servlet.VigilServlet;
import dev.vigil.observe.VigilListener;
import dev.vigil.spi.VigilStore;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A {@link Vigil} bean on a {@link VigilStore} chosen by {@code vigil.store}, started and stopped with the context,
 * and in a servlet web application {@link VigilServlet} at {@code vigil.http.path}.
 */
@AutoConfiguration(afterName = {"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
        "org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration"})
@EnableConfigurationProperties(VigilProperties.class)
public class VigilAutoConfiguration {
    private static final Pattern MAPPING = Pattern.compile("/\\*|(/[A-Za-z0-9._~-]+)+/\\*");

    /** The store {@code vigil.store} selects; runs after Flyway or Liquibase when they own Vigil's DDL. */
    @Bean
    @ConditionalOnMissingBean
    @DependsOnDatabaseInitialization
    public VigilStore vigilStore(VigilProperties properties, ObjectProvider<DataSource> dataSources) {
        List<DataSource> all = dataSources.stream().collect(Collectors.toList());
        return VigilStores.create(properties, dataSources.getIfUnique(), all.size());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public Vigil vigil(VigilStore store, VigilProperties p, ObjectProvider<VigilListener> listeners,
            ObjectProvider<VigilBuilderCustomizer> customizers) {
        // the store is a bean of its own: the context closes it after Vigil
        Vigil.Builder b = Vigil.builder().store(store).closeStoreOnClose(false)
                .allowPrivateTargets(p.isAllowPrivateTargets());
        VigilStores.setting("vigil.claim-lease", () -> b.claimLease(p.getClaimLease()));
        VigilStores.setting("vigil.max-idle", () -> b.maxIdle(p.getMaxIdle()));
        VigilStores.setting("vigil.batch-size", () -> b.batchSize(p.getBatchSize()));
        VigilStores.setting("vigil.event-retention", () -> b.eventRetention(p.getEventRetention()));
        VigilProperties.Delivery d = p.getDelivery();
        VigilStores.setting("vigil.delivery", () -> b.deliveryRetries(d.getMaxAttempts(), d.getBackoffBase(),
                d.getBackoffMax()));
        if (p.getConfig() != null) {
            b.config(p.getConfig());
        }
        listeners.orderedStream().forEach(b::listener);
        customizers.orderedStream().forEach(c -> c.customize(b));
        return b.build();
    }

    @Bean
    @ConditionalOnMissingBean(name = "vigilLifecycle")
    public VigilLifecycle vigilLifecycle(Vigil vigil) {
        return new VigilLifecycle(vigil);
    }

    /** The HTTP API and its servlet, in a servlet web application. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass({jakarta.servlet.Servlet.class, VigilServlet.class})
    @ConditionalOnProperty(prefix = "vigil.http", name = "enabled", havingValue = "true", matchIfMissing = true)
    public static class Web {

        @Bean
        @ConditionalOnMissingBean
        public VigilHttp vigilHttp(Vigil vigil, VigilProperties properties) {
            VigilProperties.Http h = properties.getHttp();
            VigilHttp.Builder b = VigilHttp.builder(vigil);
            long max = h.getMaxBodySize().toBytes();
            VigilStores.setting("vigil.http.max-body-size", () -> b.maxBodyBytes((int) Math.min(max, Integer.MAX_VALUE)));
            List<VigilProperties.ApiKey> keys = h.getApiKeys();
            for (int i = 0; i < keys.size(); i++) {
                VigilProperties.ApiKey k = keys.get(i);
                String[] scopes = k.getScopes().toArray(String[]::new);
                String property = "vigil.http.api-keys[" + i + "]";
                if ((k.getKey() == null) == (k.getKeyHash() == null)) {
                    throw new IllegalArgumentException(property + ": give either key or key-hash");
                }
                VigilStores.setting(property, () -> {
                    if (k.getKey() != null) {
                        b.apiKey(k.getKey(), scopes);
                    } else {
                        b.apiKeyHash(k.getKeyHash(), scopes);
                    }
                });
            }
            List<VigilProperties.ApiToken> tokens = h.getApiTokens();
            for (int i = 0; i < tokens.size(); i++) {
                VigilProperties.ApiToken t = tokens.get(i);
                String property = "vigil.http.api-tokens[" + i + "]";
                if (t.getToken() == null) {
                    throw new IllegalArgumentException(property + ".token: is required");
                }
                VigilStores.setting(property, () -> b.apiToken(t.getToken(), t.getScopes().toArray(String[]::new)));
            }
            VigilProperties.Basic basic = h.getBasic();
            if ((basic.getUsername() == null) != (basic.getPassword() == null)) {
                throw new IllegalArgumentException("vigil.http.basic: give both username and password, or neither");
            }
            if (basic.getUsername() != null) {
                VigilStores.setting("vigil.http.basic", () -> b.basicAuth(basic.getUsername(), basic.getPassword()));
            }
            b.openTaskRoutes(h.isOpenTaskRoutes());
            return b.build();
        }

        @Bean
        @ConditionalOnMissingBean(name = "vigilServlet")
        public ServletRegistrationBean<VigilServlet> vigilServlet(VigilHttp http, VigilProperties properties) {
            String path = properties.getHttp().getPath();
            if (!MAPPING.matcher(path).matches()) {
                throw new IllegalArgumentException("vigil.http.path must be a servlet mapping such as /monitoring/* or"
                        + " /*, got '" + path + "'");
            }
            ServletRegistrationBean<VigilServlet> r = new ServletRegistrationBean<>(new VigilServlet(http), path);
            r.setName("vigil");
            r.setAsyncSupported(true); // slow request bodies hold no thread
            return r;
        }
    }
}
