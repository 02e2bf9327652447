package dev.vigil.notify;

import dev.vigil.model.Severity;
import dev.vigil.model.Transition;

import dev.vigil.model.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes one SLF4J line per notification, at WARN for critical and warning transitions and INFO otherwise. */
public final class LoggingNotifier implements Notifier {
    private static final Logger LOG = LoggerFactory.getLogger("dev.vigil.notifications");

    @Override
    public void deliver(Notification n) {
        Transition t = n.transition();
        String line = "[{}] {} \"{}\" (id {}) {}{} -> {} ({}) at {}: {}";
        Object[] args = {n.channel(), t.kind(), Text.forLog(t.subjectName()), Text.forLog(t.key()),
            t.aspect().isEmpty() ? "" : Text.forLog(t.aspect()) + " ", t.from(), t.to(), t.severity().wireName(), t.at(),
            Text.forLog(t.reason())};
        if (t.severity() == Severity.CRITICAL || t.severity() == Severity.WARNING) {
            LOG.warn(line, args);
        } else {
            LOG.info(line, args);
        }
    }
}
