package dev.vigil.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MinuteSeriesTest {
    @Test
    void windowsAreDifferencesOfRunningTotals() {
        MinuteSeries s = new MinuteSeries(17);
        for (long m = 100; m < 130; m++) {
            s.add(m, m, 1);
        }
        // (119, 129]: 120..129
        assertThat(s.window(129, 10).sum()).isEqualTo(1245);
        assertThat(s.window(129, 10).count()).isEqualTo(10);
        // an end after the newest minute counts nothing new
        assertThat(s.window(131, 10).sum()).isEqualTo(122 + 123 + 124 + 125 + 126 + 127 + 128 + 129);
        // minutes without samples add nothing
        s.add(140, 5, 1);
        assertThat(s.window(140, 10).sum()).isEqualTo(5);
    }

    @Test
    void lateSamplesCountWhileTheRingHoldsTheirMinuteAndAreDroppedOtherwise() {
        MinuteSeries s = new MinuteSeries(17);
        s.add(200, 1, 1);
        s.add(195, 2, 1);   // before the first, inside the ring
        s.add(205, 4, 1);
        s.add(198, 8, 1);   // late, inside
        s.add(180, 100, 1); // older than the ring: dropped
        assertThat(s.window(205, 10).sum()).isEqualTo(1 + 4 + 8);
        assertThat(s.window(205, 11).sum()).isEqualTo(1 + 2 + 4 + 8);
        assertThat(s.window(205, 11).count()).isEqualTo(4);
        assertThat(s.window(199, 10).sum()).isEqualTo(2 + 8);
    }

    @Test
    void aLongSilenceEmptiesTheWindow() {
        MinuteSeries s = new MinuteSeries(17);
        s.add(10, 7, 1);
        s.add(1_000, 1, 1);
        assertThat(s.window(1_000, 10).sum()).isEqualTo(1);
        assertThat(s.window(1_000, 10).count()).isEqualTo(1);
    }
}
