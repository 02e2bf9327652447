package dev.vigil.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentStatesTest {
    private final RecentStates recent = new RecentStates();

    @Test
    void aStateIsFoundByTheVeryTextItWasWrittenAsAndNotByAnEqualOne() {
        String text = new String("{\"s\":\"UP\"}");
        recent.written(null, text, "UP");
        assertThat(recent.get(text)).isEqualTo("UP");
        assertThat(recent.get(new String(text))).isNull();
    }

    @Test
    void aWriteForgetsTheStateItReplaced() {
        String first = new String("{\"s\":\"UP\"}");
        String second = new String("{\"s\":\"DOWN\"}");
        recent.written(null, first, "UP");
        recent.written(first, second, "DOWN");
        assertThat(recent.get(first)).isNull();
        assertThat(recent.get(second)).isEqualTo("DOWN");
    }

    @Test
    void twentyThousandSubjectsWrittenAgainAndAgainAreAlmostAllFound() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            String t = "state-" + i + "-0";
            texts.add(t);
            recent.written(null, t, i);
        }
        int misses = 0;
        for (int round = 1; round <= 5; round++) {
            for (int i = 0; i < texts.size(); i++) {
                String previous = texts.get(i);
                if (recent.get(previous) == null) {
                    misses++;
                }
                String next = "state-" + i + "-" + round;
                recent.written(previous, next, i);
                texts.set(i, next);
            }
        }
        assertThat(misses).isLessThan(100_000 / 20); // one slot per text would miss about one in 7
    }
}
