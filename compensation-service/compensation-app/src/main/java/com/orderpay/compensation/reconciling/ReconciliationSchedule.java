package com.orderpay.compensation.reconciling;

import com.orderpay.compensation.config.ReconciliationProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Scheduled runs: every replica looks each interval, and starts a run only if none started within the interval on
 * any replica (the runs table says), so that N replicas still make one run per interval.
 */
@Component
class ReconciliationSchedule {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationSchedule.class);

    private final ReconciliationRuns runs;
    private final ReconciliationProperties properties;

    ReconciliationSchedule(ReconciliationRuns runs, ReconciliationProperties properties) {
        this.runs = runs;
        this.properties = properties;
    }

    @Scheduled(initialDelayString = "${orderpay.reconciliation.interval:PT5M}",
            fixedDelayString = "${orderpay.reconciliation.schedule-check:PT30S}")
    void startWhenDue() {
        if (!properties.scheduleEnabled()) {
            return;
        }
        try {
            if (!runs.ranWithin(properties.interval())) {
                runs.request(ReconciliationRuns.Trigger.SCHEDULED, null);
            }
        } catch (RuntimeException e) {
            log.warn("Scheduled reconciliation not started: {}", e.toString());
        }
    }
}
