package com.orderpay.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The report's "no order for": the longest time in the measured window (here 1 s warm-up, 10 s) with no order done. */
class LongestGapTest {

    private static final String PLACE = Scenario.SPREAD.orderRequest();
    private static final int PAID = Scenario.SPREAD.orderDoneStatus();

    private LoadRecorder recorder;

    @BeforeEach
    void start() {
        recorder = new LoadRecorder(Scenario.SPREAD, Duration.ofSeconds(1), Duration.ofSeconds(10));
        recorder.start();
    }

    @Test
    void aStallInTheWindowIsItsLongestGapWithWhenItEnded() {
        done(1.0, 1.1);
        done(1.5, 2.0);
        done(2.5, 5.2); // nothing completed from 2.0 s to 5.2 s of the run: 3.2 s, ending 4.2 s into the window
        done(5.3, 5.4);
        done(5.5, 8.0);
        done(8.0, 10.9);

        assertThat(recorder.longestGapWithoutAnOrder()).isEqualTo(new LoadRecorder.Gap(3_200, 4.2));
    }

    @Test
    void onlyOrdersDoneInTheWindowEndAGap() {
        done(0.2, 0.9); // warm-up
        answer(PLACE, 500, 1.0, 3.0); // an error is no order done
        answer("credit", 200, 1.0, 3.5); // nor is another request
        done(3.0, 4.0);
        done(4.0, 11.5); // after the window

        LoadRecorder.Gap gap = recorder.longestGapWithoutAnOrder();
        assertThat(gap.millis()).as("from the last order to the window's end").isEqualTo(7_000);
        assertThat(gap.endedAtSecond()).isEqualTo(10.0);
    }

    @Test
    void anAnswerRecordedLateAndOutOfOrderOpensNoGap() {
        done(1.0, 1.5);
        done(1.0, 3.0);
        done(1.0, 1.2); // answered long before the last one, recorded after it: the gap to 3.1 is 0.1 s, not 1.9
        for (double answered : new double[] {3.1, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 10.9}) {
            done(1.0, answered);
        }

        assertThat(recorder.longestGapWithoutAnOrder()).isEqualTo(new LoadRecorder.Gap(1_500, 2.0));
    }

    @Test
    void aWindowWithoutOrdersIsOneGap() {
        assertThat(recorder.longestGapWithoutAnOrder()).isEqualTo(new LoadRecorder.Gap(10_000, 10.0));
    }

    private void done(double sentSecond, double answeredSecond) {
        answer(PLACE, PAID, sentSecond, answeredSecond);
    }

    private void answer(String request, int status, double sentSecond, double answeredSecond) {
        recorder.record(request, status, at(sentSecond), at(answeredSecond));
    }

    private long at(double second) {
        return recorder.startNanos() + Math.round(second * 1e9);
    }
}
