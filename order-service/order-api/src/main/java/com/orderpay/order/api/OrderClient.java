package com.orderpay.order.api;

import jakarta.validation.Valid;
import java.util.List;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

/** order-service's internal API, for siblings such as compensation-service. */
@FeignClient(name = "order-service", contextId = "orderClient")
public interface OrderClient {

    /** At most this many orders per page or lookup. */
    int MAX_AUDIT_PAGE = 200;

    /** Any user's order (internal callers only); 404 when unknown. */
    @GetMapping("/internal/orders/{orderNo}")
    OrderResponse order(@PathVariable("orderNo") String orderNo);

    /**
     * Orders in order-number order after {@code cursor}, for reconciliation: only those last changed before
     * {@code updatedBefore} (ISO-8601) and, when given, in one of {@code statuses}.
     *
     * @param limit 1-{@value #MAX_AUDIT_PAGE}
     */
    @GetMapping("/internal/order-audits")
    OrderAuditPageResponse orderAudits(@RequestParam(name = "cursor", required = false) String cursor,
            @RequestParam("limit") int limit,
            @RequestParam(name = "statuses", required = false) List<String> statuses,
            @RequestParam("updatedBefore") String updatedBefore);

    /** The given orders (at most {@value #MAX_AUDIT_PAGE}); unknown ones are left out. */
    @PostMapping("/internal/order-audits/lookup")
    List<OrderAuditResponse> lookupOrders(@RequestBody List<String> orderNos);

    /** Finishes the order's branch of a global transaction the coordinator no longer drives; idempotent. */
    @PostMapping("/internal/orders/{orderNo}/settlement")
    OrderAuditResponse settle(@PathVariable("orderNo") String orderNo, @RequestBody @Valid SettlementRequest request);

    /**
     * The coordinator's view of a global transaction (order-service is the TM that can ask it). The XID goes as a
     * query parameter: it holds ':', which a path would carry percent-encoded, and services take only canonical
     * paths.
     */
    @GetMapping("/internal/transactions")
    TransactionStatusResponse transaction(@RequestParam("xid") String xid);

    /** Orders placed before {@code createdBefore} (ISO-8601) and still pending. */
    @GetMapping("/internal/order-stats/pending")
    PendingOrdersResponse pendingOrders(@RequestParam("createdBefore") String createdBefore);
}
