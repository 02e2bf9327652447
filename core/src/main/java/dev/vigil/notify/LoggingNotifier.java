package dev.vigil.notify;

import dev.vigil.internal.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes one SLF4J line per notification, at WARN for bad states and INFO otherwise. */
public final class LoggingNotifier implements Notifier {
    private static final Logger LOG = LoggerFactory.getLogger("dev.vigil.notifications");

    @Override
    public void deliver(Notification n) {
        Transition t = n.transition();
        String line = "[{}] {} \"{}\" (id {}) {} -> {} at {}: {}";
        Object[] args = {n.channel(), t.kind().wireName(), Text.forLog(t.subjectName()), t.subjectId(),
            t.from().name(), t.to().name(), t.at(), Text.forLog(t.reason())};
        if ("DOWN".equals(t.to().name())) {
            LOG.warn(line, args);
        } else {
            LOG.info(line, args);
        }
    }
}
