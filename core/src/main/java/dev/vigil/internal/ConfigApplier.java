package dev.vigil.internal;

import dev.vigil.model.Text;
import dev.vigil.config.ConfigResult;
import dev.vigil.config.ConfigResult.Action;
import dev.vigil.config.ConfigResult.Applied;
import dev.vigil.config.MonitorDefinition;
import dev.vigil.config.HeartbeatDefinition;
import dev.vigil.config.ServiceDefinition;
import dev.vigil.service.Service;
import dev.vigil.config.VigilConfig;
import dev.vigil.monitor.CreatedMonitor;
import dev.vigil.monitor.PushMonitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies monitors-as-code idempotently: matched by name, ids and state kept, secrets never logged. */
public final class ConfigApplier {
    private static final Logger LOG = LoggerFactory.getLogger("dev.vigil.config");

    private ConfigApplier() {
    }

    public static ConfigResult apply(VigilConfig config, PushMonitorService monitors) {
        List<Applied> applied = new ArrayList<>();
        for (MonitorDefinition def : config.monitors()) {
            Optional<PushMonitor> existing = monitors.findByName(def.spec().name());
            if (existing.isEmpty()) {
                CreatedMonitor created = def.secretKey() == null ? monitors.create(def.spec())
                        : monitors.create(def.spec(), def.secretKey());
                if (def.secretKey() == null) {
                    LOG.info("Push monitor initialized: id={} name=\"{}\"", created.id(), Text.forLog(created.monitor().name()));
                }
                applied.add(new Applied(created.id(), def.spec().name(), Action.CREATED,
                        def.secretKey() == null ? created.secret() : null));
                continue;
            }
            PushMonitor m = existing.get();
            boolean changed = false;
            if (!m.spec().equals(def.spec())) {
                monitors.update(m.id(), def.spec());
                changed = true;
            }
            if (def.secretKey() != null && !monitors.secretMatches(m.id(), def.secretKey())) {
                monitors.setSecret(m.id(), def.secretKey());
                changed = true;
            }
            applied.add(new Applied(m.id(), m.name(), changed ? Action.UPDATED : Action.UNCHANGED, null));
        }
        return new ConfigResult(config.source(), applied);
    }

    /**
     * Declares the configuration's services: a declaration that differs from the stored one replaces it (GitOps: the
     * file wins at start over what {@code PUT} changed since); an equal one writes nothing.
     */
    public static void declareServices(VigilConfig config, ServiceService services) {
        for (ServiceDefinition def : config.services()) {
            Optional<Service> existing = services.get(def.path());
            if (existing.isEmpty() || !existing.get().declared().equals(def.declaration())) {
                services.declare(def.path(), def.declaration());
                LOG.info("Service declared: {}", Text.forLog(def.path()));
            }
        }
    }

    /**
     * Declares the configuration's heartbeats, matched by pattern: a missing one is created, one whose interval or
     * quorum differs is updated (keeping its state), an equal one is left alone.
     */
    public static void declareHeartbeats(VigilConfig config, HeartbeatService heartbeats) {
        for (HeartbeatDefinition def : config.heartbeats()) {
            heartbeats.declare(def.spec());
        }
    }
}
