package dev.vigil.config;

import dev.vigil.monitor.PushMonitorSpec;
import org.jspecify.annotations.Nullable;

/** One entry of {@code monitors:}; {@code secretKey} is set when the file supplies the secret itself. */
public record MonitorDefinition(PushMonitorSpec spec, @Nullable String secretKey) {

    @Override
    public String toString() {
        return "MonitorDefinition[spec=" + spec + ", secretKey=" + (secretKey == null ? "none" : "(hidden)") + "]";
    }
}
