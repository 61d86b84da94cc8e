package com.orderpay.bench;

import java.time.Duration;
import java.util.List;

/**
 * What one Gatling run drives. Gatling instantiates the simulation itself, so the harness hands the plan over
 * through {@link #current()} before it starts Gatling in the same JVM.
 *
 * @param scenario what every buyer does
 * @param gatewayUrl the public API
 * @param buyerTokens one bearer token per buyer; the closed model gives each virtual buyer its own
 * @param skus the SKUs orders are spread over (one for the hot SKU)
 * @param buyers closed model: concurrent buyers, each placing its next order when the last one answered
 * @param rates open model: orders started per second, one level after another (empty for the closed model)
 * @param warmUp driven but not measured
 * @param measured measured (per rate level in the open model)
 */
public record LoadPlan(Scenario scenario, String gatewayUrl, List<String> buyerTokens, List<String> skus, int buyers,
                       List<Double> rates, Duration warmUp, Duration measured, String keyPrefix, LoadRecorder recorder) {

    private static volatile LoadPlan current;

    static void set(LoadPlan plan) {
        current = plan;
    }

    static LoadPlan current() {
        LoadPlan plan = current;
        if (plan == null) {
            throw new IllegalStateException("No load plan: the simulation runs from the harness (Bench)");
        }
        return plan;
    }

    public boolean openModel() {
        return !rates.isEmpty();
    }

    /** Wall time of the whole run: warm-up, then the measured time (per level in the open model). */
    public Duration total() {
        return openModel() ? warmUp.plus(measured.multipliedBy(rates.size())) : warmUp.plus(measured);
    }
}
