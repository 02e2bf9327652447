package dev.vigil.spi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When some instance last evaluated, shared by all instances of one store, and the gaps found in it. An instance
 * that starts (or reaches the store again after an outage) and finds the watermark old records a {@link Gap}.
 */
public interface Watermark {

    /** The latest instant any instance reported as evaluated. */
    Optional<Instant> lastEvaluated();

    /** Moves the watermark to {@code at} unless it is later already. */
    void evaluated(Instant at);

    /** Records a gap; all instances see it through {@link #gaps}. */
    void addGap(Gap gap);

    /** Gaps that end at or after {@code since}, oldest first. */
    List<Gap> gaps(Instant since);
}
