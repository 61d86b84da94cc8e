package com.orderpay.compensation.web;

import com.orderpay.compensation.api.FindingPageResponse;
import com.orderpay.compensation.api.FindingResponse;
import com.orderpay.compensation.api.RunPageResponse;
import com.orderpay.compensation.api.RunResponse;
import com.orderpay.compensation.api.StartedRunResponse;
import com.orderpay.compensation.persistence.FindingEntity;
import com.orderpay.compensation.persistence.FindingMapper;
import com.orderpay.compensation.persistence.RunEntity;
import com.orderpay.compensation.persistence.RunMapper;
import com.orderpay.compensation.reconciling.ReconciliationRuns;
import com.orderpay.platform.identity.Caller;
import com.orderpay.platform.idempotency.IdempotentRequests;
import com.orderpay.platform.problem.ProblemException;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reconciliation runs and their findings (ADMIN, through the gateway's operations route). */
@RestController
public class ReconciliationController {

    static final String START = "POST /api/admin/reconciliation/runs";
    private static final List<String> STATUSES = List.of("OPEN", "REPAIRED", "FLAGGED");

    private final ReconciliationRuns reconciliation;
    private final RunMapper runs;
    private final FindingMapper findings;
    private final IdempotentRequests idempotentRequests;

    public ReconciliationController(ReconciliationRuns reconciliation, RunMapper runs, FindingMapper findings,
            IdempotentRequests idempotentRequests) {
        this.reconciliation = reconciliation;
        this.runs = runs;
        this.findings = findings;
        this.idempotentRequests = idempotentRequests;
    }

    /** 202 with the run doing the work; one run per Idempotency-Key, and one run at a time. */
    @PostMapping("/api/admin/reconciliation/runs")
    public ResponseEntity<?> start(Caller caller, @RequestHeader("Idempotency-Key") String idempotencyKey) {
        return idempotentRequests.execute(caller.userId(), idempotencyKey, START, "run",
                attempt -> ResponseEntity.accepted().body(new StartedRunResponse(
                        reconciliation.request(ReconciliationRuns.Trigger.ON_DEMAND, caller.userId()))));
    }

    @GetMapping("/api/admin/reconciliation/runs")
    public RunPageResponse runs(@RequestParam(name = "limit", required = false) Integer limit,
            @RequestParam(name = "cursor", required = false) String cursor) {
        int size = Paging.limit(limit);
        List<RunEntity> rows = runs.page(Paging.decode("run", cursor), size + 1);
        List<RunEntity> page = rows.size() > size ? rows.subList(0, size) : rows;
        return new RunPageResponse(page.stream().map(CompensationResponses::run).toList(),
                rows.size() > size ? Paging.encode("run", page.get(size - 1).runId) : null);
    }

    @GetMapping("/api/admin/reconciliation/runs/{runId}")
    public RunResponse run(@PathVariable("runId") String runId) {
        RunEntity run = runId.length() > 40 ? null : runs.selectById(runId);
        if (run == null) {
            throw ProblemException.notFound("Run " + runId);
        }
        return CompensationResponses.run(run);
    }

    @GetMapping("/api/admin/reconciliation/runs/{runId}/findings")
    public FindingPageResponse findingsOfRun(@PathVariable("runId") String runId,
            @RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "limit", required = false) Integer limit,
            @RequestParam(name = "cursor", required = false) String cursor) {
        run(runId);
        return findings(status, runId, limit, cursor);
    }

    @GetMapping("/api/admin/reconciliation/findings")
    public FindingPageResponse findings(@RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "runId", required = false) String runId,
            @RequestParam(name = "limit", required = false) Integer limit,
            @RequestParam(name = "cursor", required = false) String cursor) {
        int size = Paging.limit(limit);
        List<FindingEntity> rows = findings.page(runId == null || runId.isBlank() ? null : runId,
                Paging.oneOf("status", status, STATUSES), Paging.decodeId("finding", cursor), size + 1);
        List<FindingEntity> page = rows.size() > size ? rows.subList(0, size) : rows;
        List<FindingResponse> body = page.stream().map(CompensationResponses::finding).toList();
        return new FindingPageResponse(body,
                rows.size() > size ? Paging.encode("finding", String.valueOf(page.get(size - 1).findingId)) : null);
    }
}
