package com.orderpay.compensation.web;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpay.compensation.api.AlertResponse;
import com.orderpay.compensation.api.FindingResponse;
import com.orderpay.compensation.api.RunResponse;
import com.orderpay.compensation.persistence.AlertEntity;
import com.orderpay.compensation.persistence.FindingEntity;
import com.orderpay.compensation.persistence.RunEntity;
import java.util.Map;

/** Rows to wire, at the edge: persistence rows never leave the service as they are. */
public final class CompensationResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CompensationResponses() {
    }

    public static RunResponse run(RunEntity run) {
        return new RunResponse(run.runId, run.status, run.triggerKind, run.requestedBy, run.startedAt, run.finishedAt, run.checked,
                run.repaired, run.flagged, run.failure);
    }

    public static FindingResponse finding(FindingEntity finding) {
        Map<String, Object> evidence;
        try {
            evidence = JSON.readValue(finding.evidence, new TypeReference<Map<String, Object>>() { });
        } catch (Exception e) {
            evidence = Map.of("raw", finding.evidence);
        }
        return new FindingResponse(finding.findingId, finding.runId, finding.kind, finding.invariant,
                finding.subjectType, finding.subject, evidence, finding.action, finding.status, finding.result,
                finding.createdAt);
    }

    public static AlertResponse alert(AlertEntity alert) {
        return new AlertResponse(alert.alertId == null ? 0 : alert.alertId, alert.rule, alert.subject, alert.state,
                alert.threshold, alert.value, alert.detail, alert.raisedAt, alert.lastSeenAt, alert.resolvedAt);
    }
}
