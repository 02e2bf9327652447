package dev.vigil.store.memory;

import dev.vigil.spi.Gap;
import dev.vigil.spi.Watermark;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** The evaluation watermark and the gaps found in it; at most {@value #GAPS_KEPT} gaps, the newest. */
final class MemoryWatermark implements Watermark {
    static final int GAPS_KEPT = 1000;

    private final AtomicReference<Instant> lastEvaluated = new AtomicReference<>();
    private final List<Gap> gaps = new ArrayList<>();

    @Override
    public Optional<Instant> lastEvaluated() {
        return Optional.ofNullable(lastEvaluated.get());
    }

    @Override
    public void evaluated(Instant at) {
        lastEvaluated.accumulateAndGet(at, (old, now) -> old == null || now.isAfter(old) ? now : old);
    }

    @Override
    public synchronized void addGap(Gap gap) {
        gaps.add(gap);
        gaps.sort(Comparator.comparing(Gap::start).thenComparing(Gap::end));
        if (gaps.size() > GAPS_KEPT) {
            gaps.remove(0);
        }
    }

    @Override
    public synchronized List<Gap> gaps(Instant since) {
        return gaps.stream().filter(g -> !g.end().isBefore(since)).toList();
    }
}
