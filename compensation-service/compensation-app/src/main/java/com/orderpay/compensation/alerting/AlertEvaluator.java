package com.orderpay.compensation.alerting;

import com.orderpay.compensation.api.AlertResponse;
import com.orderpay.compensation.client.Participants;
import com.orderpay.compensation.config.AlertProperties;
import com.orderpay.compensation.persistence.AlertEntity;
import com.orderpay.compensation.persistence.AlertMapper;
import com.orderpay.compensation.persistence.FindingMapper;
import com.orderpay.compensation.persistence.RunEntity;
import com.orderpay.compensation.persistence.RunMapper;
import com.orderpay.compensation.web.CompensationResponses;
import com.orderpay.wallet.api.UserPaymentsResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Evaluates the alert rules and keeps the alert store in step: a rule past its threshold raises an alert (stored,
 * logged, counted in {@code orderpay.alerts.raised{rule}}, sent to the webhook), stays FIRING with its latest value
 * while it stays past it, and is RESOLVED (logged, sent) at the first evaluation that finds it back within. A rule
 * that cannot be evaluated (an owner down) leaves its alerts as they are: no news is not good news.
 */
@Component
public class AlertEvaluator {

    public static final String RAISED = "orderpay.alerts.raised";
    public static final String FIRING = "orderpay.alerts.firing";

    public static final String PENDING_ORDERS = "pending-orders";
    public static final String PAYMENTS_PER_USER = "payments-per-user";
    public static final String AMOUNT_PER_USER = "amount-per-user";
    public static final String INVARIANT_BREACH = "invariant-breach";
    public static final String UNREPAIRED_FINDINGS = "unrepaired-findings";
    public static final String RUN_FAILED = "reconciliation-run-failed";
    public static final String RUN_OVERDUE = "reconciliation-run-overdue";
    public static final String ORDER_SUCCESS_RATE = "order-success-rate";
    public static final String PAYMENT_SUCCESS_RATE = "payment-success-rate";

    private static final Logger log = LoggerFactory.getLogger(AlertEvaluator.class);

    private final Participants owners;
    private final SuccessCounters counters;
    private final RunMapper runs;
    private final FindingMapper findings;
    private final AlertMapper alerts;
    private final AlertWebhook webhook;
    private final AlertProperties properties;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Instant startedAt;
    private final AtomicLong firing = new AtomicLong();

    public AlertEvaluator(Participants owners, SuccessCounters counters, RunMapper runs, FindingMapper findings,
            AlertMapper alerts, AlertWebhook webhook, AlertProperties properties, MeterRegistry registry, Clock clock) {
        this.owners = owners;
        this.counters = counters;
        this.runs = runs;
        this.findings = findings;
        this.alerts = alerts;
        this.webhook = webhook;
        this.properties = properties;
        this.registry = registry;
        this.clock = clock;
        this.startedAt = clock.instant();
        Gauge.builder(FIRING, firing, AtomicLong::get).description("Alerts firing now").register(registry);
    }

    @Scheduled(initialDelayString = "${orderpay.alerts.evaluation-interval:PT30S}",
            fixedDelayString = "${orderpay.alerts.evaluation-interval:PT30S}")
    public void scheduled() {
        try {
            evaluate();
        } catch (RuntimeException e) {
            log.warn("Alert evaluation failed: {}", e.toString());
        }
    }

    /**
     * The rules that read reconciliation's own records, right after a run ended. Serialised with {@link #evaluate()}:
     * a scheduled evaluation that read the runs just before this one ended must not write its stale "overdue" after
     * this evaluation resolved it (it would fire again until the next evaluation).
     */
    public synchronized void evaluateAfterRun() {
        apply(RUN_FAILED, this::runFailed);
        apply(INVARIANT_BREACH, this::invariantBreaches);
        apply(UNREPAIRED_FINDINGS, this::unrepairedFindings);
        apply(RUN_OVERDUE, this::runOverdue);
        firing.set(alerts.countFiring());
    }

    /** Every rule, once. */
    public synchronized void evaluate() {
        Instant now = clock.instant();
        counters.sample(now, properties.successWindow());
        apply(PENDING_ORDERS, this::pendingOrders);
        List<UserPaymentsResponse> heavy = new ArrayList<>();
        boolean heavyRead = read("heavy payers", () -> heavy.addAll(owners.heavyPayers(
                now.minus(properties.paymentsWindow()), properties.paymentsPerUser(), properties.amountPerUser())));
        if (heavyRead) {
            apply(PAYMENTS_PER_USER, () -> heavy.stream().filter(u -> u.payments() > properties.paymentsPerUser())
                    .map(u -> new Observation(PAYMENTS_PER_USER, u.userId(), true,
                            String.valueOf(properties.paymentsPerUser()), String.valueOf(u.payments()),
                            u.payments() + " payments by " + u.userId() + " within " + properties.paymentsWindow()))
                    .toList());
            apply(AMOUNT_PER_USER, () -> heavy.stream()
                    .filter(u -> u.amount().compareTo(properties.amountPerUser()) > 0)
                    .map(u -> new Observation(AMOUNT_PER_USER, u.userId(), true,
                            properties.amountPerUser().toPlainString(), u.amount().toPlainString(),
                            u.amount().toPlainString() + " paid by " + u.userId() + " within "
                                    + properties.paymentsWindow()))
                    .toList());
        }
        apply(ORDER_SUCCESS_RATE, () -> rate(ORDER_SUCCESS_RATE, counters.placements(), properties.orderSuccessRate(),
                "order placements"));
        apply(PAYMENT_SUCCESS_RATE, () -> rate(PAYMENT_SUCCESS_RATE, counters.payments(),
                properties.paymentSuccessRate(), "payments"));
        evaluateAfterRun();
    }

    // ---- rules ----------------------------------------------------------------------------------------------

    private List<Observation> pendingOrders() {
        long pending = owners.pendingOrders(clock.instant().minus(properties.pendingAge())).pending();
        return List.of(new Observation(PENDING_ORDERS, "", pending > properties.pendingOrders(),
                String.valueOf(properties.pendingOrders()), String.valueOf(pending),
                pending + " orders placed over " + properties.pendingAge() + " ago are still pending"));
    }

    private List<Observation> rate(String rule, SuccessCounters.Rate rate, BigDecimal threshold, String what) {
        BigDecimal percent = BigDecimal.valueOf(rate.successPercent()).setScale(2, RoundingMode.DOWN);
        boolean judged = rate.total() >= properties.minVolume();
        return List.of(new Observation(rule, "", judged && percent.compareTo(threshold) < 0,
                threshold.toPlainString(), percent.toPlainString(),
                String.format("%.0f of %.0f %s failed within %s", rate.failed(), rate.total(), what,
                        properties.successWindow())));
    }

    private List<Observation> runFailed() {
        RunEntity latest = runs.latestFinished();
        boolean failed = latest != null && "FAILED".equals(latest.status);
        return List.of(new Observation(RUN_FAILED, "", failed, "FAILED", latest == null ? "none" : latest.status,
                latest == null ? "no run finished yet" : "run " + latest.runId + " " + latest.status
                        + (latest.failure == null ? "" : ": " + latest.failure)));
    }

    private List<Observation> runOverdue() {
        Instant last = runs.lastCompletedAt();
        Instant since = last == null ? startedAt : last;
        Instant now = clock.instant();
        boolean overdue = since.plus(properties.runOverdueAfter()).isBefore(now);
        return List.of(new Observation(RUN_OVERDUE, "", overdue, properties.runOverdueAfter().toString(),
                java.time.Duration.between(since, now).withNanos(0).toString(),
                last == null ? "no run completed since this replica started at " + startedAt
                        : "last run completed at " + last));
    }

    private List<Observation> invariantBreaches() {
        RunEntity latest = latestCompleted();
        long breaches = latest == null ? 0 : findings.countInvariantBreaches(latest.runId);
        return List.of(new Observation(INVARIANT_BREACH, "", breaches > 0, "0", String.valueOf(breaches),
                latest == null ? "no run yet" : breaches + " invariant breaches found by run " + latest.runId));
    }

    private List<Observation> unrepairedFindings() {
        RunEntity latest = latestCompleted();
        long unrepaired = latest == null ? 0 : findings.countUnrepaired(latest.runId);
        return List.of(new Observation(UNREPAIRED_FINDINGS, "", unrepaired > 0, "0", String.valueOf(unrepaired),
                latest == null ? "no run yet" : unrepaired + " findings of run " + latest.runId + " not repaired"));
    }

    private RunEntity latestCompleted() {
        RunEntity latest = runs.latestFinished();
        return latest != null && "COMPLETED".equals(latest.status) ? latest : null;
    }

    // ---- the store ------------------------------------------------------------------------------------------

    private boolean read(String what, Runnable reading) {
        try {
            reading.run();
            return true;
        } catch (RuntimeException e) {
            log.warn("Alert rule input {} not read: {}", what, e.toString());
            return false;
        }
    }

    /** Raises what fires now, refreshes what still fires, resolves what fired before and no longer does. */
    private void apply(String rule, Supplier<List<Observation>> evaluation) {
        List<Observation> observations;
        try {
            observations = evaluation.get();
        } catch (RuntimeException e) {
            log.warn("Alert rule {} not evaluated: {}", rule, e.toString());
            return;
        }
        Instant now = clock.instant();
        Map<String, AlertEntity> firingNow = new HashMap<>();
        for (AlertEntity alert : alerts.firingOf(rule)) {
            firingNow.put(alert.subject, alert);
        }
        for (Observation observation : observations) {
            if (!observation.firing()) {
                continue;
            }
            AlertEntity existing = firingNow.remove(observation.subject());
            if (existing != null) {
                alerts.stillFiring(existing.alertId, observation.value(), observation.detail(), now);
            } else {
                raise(observation, now);
            }
        }
        for (AlertEntity noLonger : firingNow.values()) {
            if (alerts.resolve(noLonger.alertId, now) == 1) {
                noLonger.state = "RESOLVED";
                noLonger.resolvedAt = now;
                log.info("ALERT RESOLVED {} {} (was {} against threshold {})", rule, noLonger.subject, noLonger.value,
                        noLonger.threshold);
                webhook.send(CompensationResponses.alert(noLonger));
            }
        }
    }

    private void raise(Observation observation, Instant now) {
        AlertEntity alert = new AlertEntity();
        alert.rule = observation.rule();
        alert.subject = observation.subject();
        alert.state = "FIRING";
        alert.threshold = observation.threshold();
        alert.value = observation.value();
        alert.detail = observation.detail().length() > 500 ? observation.detail().substring(0, 500)
                : observation.detail();
        alert.raisedAt = now;
        alert.lastSeenAt = now;
        try {
            alerts.insert(alert);
        } catch (DuplicateKeyException e) {
            return; // another replica raised it at the same moment
        }
        Counter.builder(RAISED).description("Alerts raised, by rule").tag("rule", observation.rule())
                .register(registry).increment();
        log.error("ALERT FIRING {} {}: value {} past threshold {} ({})", observation.rule(), observation.subject(),
                observation.value(), observation.threshold(), observation.detail());
        webhook.send(CompensationResponses.alert(alert));
    }
}
