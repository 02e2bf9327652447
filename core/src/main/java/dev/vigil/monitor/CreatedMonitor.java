package dev.vigil.monitor;

/**
 * A monitor just created, with its push secret. This is the only time the secret is available: Vigil keeps
 * only its hash. {@link #toString()} does not print it.
 */
public record CreatedMonitor(PushMonitor monitor, String secret) {

    public long id() {
        return monitor.id();
    }

    /** The push path relative to where Vigil's HTTP API is mounted: {@code /api/push/<id>/<secret>}. */
    public String pushPath() {
        return "/api/push/" + monitor.id() + "/" + secret;
    }

    @Override
    public String toString() {
        return "CreatedMonitor[monitor=" + monitor + ", secret=(hidden)]";
    }
}
