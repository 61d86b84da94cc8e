package com.orderpay.compensation.reconciling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpay.compensation.domain.FindingKind;
import com.orderpay.compensation.domain.FindingStatus;
import com.orderpay.compensation.persistence.FindingEntity;
import com.orderpay.compensation.persistence.FindingMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The audit trail: every finding is stored with the evidence read from the owners, the action taken and the owner's
 * answer, logged, and counted ({@code orderpay.reconciliation.findings{kind,result}}).
 */
@Component
public class Findings {

    public static final String FINDINGS = "orderpay.reconciliation.findings";
    private static final Logger log = LoggerFactory.getLogger(Findings.class);

    /** What a finding is about. */
    public enum Subject {
        ORDER, SKU, WALLET
    }

    private final FindingMapper findings;
    private final ObjectMapper json;
    private final MeterRegistry registry;
    private final Clock clock;

    public Findings(FindingMapper findings, ObjectMapper json, MeterRegistry registry, Clock clock) {
        this.findings = findings;
        this.json = json;
        this.registry = registry;
        this.clock = clock;
    }

    void repaired(RunContext run, FindingKind kind, Subject subject, String id, Map<String, Object> evidence,
            String action, String result) {
        run.repaired();
        record(run, kind, subject, id, evidence, action, FindingStatus.REPAIRED, result);
    }

    void flagged(RunContext run, FindingKind kind, Subject subject, String id, Map<String, Object> evidence,
            String why) {
        run.flagged();
        record(run, kind, subject, id, evidence, "NONE", FindingStatus.FLAGGED, why);
    }

    /** The repair was tried and did not get through; the next run tries again. Counts as flagged for the run. */
    void open(RunContext run, FindingKind kind, Subject subject, String id, Map<String, Object> evidence,
            String action, String why) {
        run.flagged();
        record(run, kind, subject, id, evidence, action, FindingStatus.OPEN, why);
    }

    private void record(RunContext run, FindingKind kind, Subject subject, String id, Map<String, Object> evidence,
            String action, FindingStatus status, String result) {
        FindingEntity row = new FindingEntity();
        row.runId = run.runId();
        row.kind = kind.name();
        row.invariant = kind.invariantBreach();
        row.subjectType = subject.name();
        row.subject = id;
        row.evidence = toJson(evidence);
        row.action = action;
        row.status = status.name();
        row.result = result == null ? null : result.length() > 2000 ? result.substring(0, 2000) : result;
        row.createdAt = clock.instant();
        findings.insert(row);
        Counter.builder(FINDINGS).description("Reconciliation findings by kind and result")
                .tag("kind", kind.name().toLowerCase(Locale.ROOT)).tag("result", status.name().toLowerCase(Locale.ROOT))
                .register(registry).increment();
        if (status == FindingStatus.REPAIRED) {
            log.warn("Run {}: {} {} {}: repaired by {} -> {}", run.runId(), kind, subject, id, action, result);
        } else {
            log.error("Run {}: {} {} {}: {} ({}) evidence {}", run.runId(), kind, subject, id, status, result,
                    row.evidence);
        }
    }

    private String toJson(Map<String, Object> evidence) {
        try {
            return json.writeValueAsString(evidence);
        } catch (JsonProcessingException e) {
            return "{\"unserialisable\":\"" + e.getOriginalMessage().replace('"', '\'') + "\"}";
        }
    }
}
