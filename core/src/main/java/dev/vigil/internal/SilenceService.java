package dev.vigil.internal;

import dev.vigil.model.Text;

import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Silence;
import dev.vigil.notify.Silences;
import dev.vigil.spi.VigilStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** Silences over the store, validated. */
public final class SilenceService implements Silences {
    static final Duration MAX_LENGTH = Duration.ofDays(366);
    static final int MAX_TEXT = 1000;
    static final int MAX_MATCHERS = 20;

    private final VigilStore store;
    private final InstantSource clock;

    public SilenceService(VigilStore store, InstantSource clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Silence create(List<LabelMatcher> matchers, Instant startsAt, Instant endsAt, String createdBy,
            String comment) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (matchers.isEmpty() || matchers.size() > MAX_MATCHERS) {
            throw new IllegalArgumentException("matchers: give between 1 and " + MAX_MATCHERS + " matchers");
        }
        if (!endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("ends_at must be after starts_at");
        }
        if (!endsAt.isAfter(now)) {
            throw new IllegalArgumentException("ends_at must be in the future");
        }
        if (Duration.between(startsAt, endsAt).compareTo(MAX_LENGTH) > 0) {
            throw new IllegalArgumentException("a silence may last at most " + MAX_LENGTH.toDays() + " days");
        }
        checkText("created_by", createdBy);
        checkText("comment", comment);
        createdBy = Text.storable(createdBy); // NUL would fail on PostgreSQL: every store keeps U+FFFD instead
        comment = Text.storable(comment);
        Silence s = new Silence(Ids.newId(), matchers, startsAt.truncatedTo(ChronoUnit.MILLIS),
                endsAt.truncatedTo(ChronoUnit.MILLIS), createdBy, comment, now);
        store.silences().insert(s);
        return s;
    }

    private static void checkText(String field, String value) {
        if (value.length() > MAX_TEXT) {
            throw new IllegalArgumentException(field + " must be at most " + MAX_TEXT + " characters");
        }
    }

    @Override
    public Optional<Silence> get(String id) {
        return store.silences().find(id);
    }

    @Override
    public List<Silence> list(boolean activeOnly) {
        Instant now = clock.instant();
        return store.silences().list().stream().filter(s -> !activeOnly || s.isActive(now)).toList();
    }

    @Override
    public boolean expire(String id) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Optional<Silence> s = store.silences().find(id);
        if (s.isEmpty() || !s.get().endsAt().isAfter(now)) {
            return false;
        }
        return store.silences().update(s.get().expiredAt(now));
    }
}
