package com.orderpay.inventory.api;

import jakarta.validation.Valid;
import java.util.List;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * inventory-service's internal API ({@code /internal/**}, never routed by the gateway). The TCC Try calls must
 * be made inside a Seata global transaction: the XID travels in the {@code TX_XID} header; Confirm and Cancel
 * are driven by the coordinator, not called here.
 */
@FeignClient(name = "inventory-service", contextId = "inventoryClient")
public interface InventoryClient {

    /** At most this many rows per audit page or lookup. */
    int MAX_AUDIT_PAGE = 200;

    /** Current figures (and prices) of the given SKUs; unknown ids are left out. */
    @GetMapping("/internal/skus")
    List<StockFiguresResponse> skus(@RequestParam("ids") List<String> skuIds);

    /**
     * TCC Try: reserve all lines (one conditional update per SKU) and answer their prices, or answer 404 not-found
     * naming every unknown SKU, or 409 out-of-stock; nothing is reserved then.
     */
    @PostMapping("/internal/stock-reservations")
    ReservedStockResponse reserve(@RequestBody @Valid ReserveStockRequest request);

    /** TCC Try of a pay-later payment: the order's hold is about to be sold; 409 order-not-payable without one. */
    @PostMapping("/internal/stock-reservations/{orderNo}/sale")
    StockReservationResponse sellHeld(@PathVariable("orderNo") String orderNo);

    /**
     * Gives a hold back (cancellation, expiry, repair); idempotent, a no-op when there is nothing held. Answers the
     * reservation's status after the call: {@code RELEASED} (given back now or before); {@code TRYING} or
     * {@code SELLING} mean a global transaction is still deciding, so nothing was released and the caller retries
     * later; {@code SOLD} or {@code CANCELLED} are final. 404 when the order never reserved stock.
     */
    @PostMapping("/internal/stock-reservations/{orderNo}/release")
    StockReservationResponse release(@PathVariable("orderNo") String orderNo);

    /** The order's reservation; 404 when there is none. */
    @GetMapping("/internal/stock-reservations/{orderNo}")
    StockReservationResponse reservation(@PathVariable("orderNo") String orderNo);

    /**
     * Reservation lines in id order after {@code cursor}, for reconciliation: only those last changed before
     * {@code updatedBefore} (ISO-8601) and, when given, in one of {@code statuses}.
     *
     * @param limit 1-{@value #MAX_AUDIT_PAGE}
     */
    @GetMapping("/internal/reservation-audits")
    ReservationAuditPageResponse reservationAudits(@RequestParam(name = "cursor", required = false) String cursor,
            @RequestParam("limit") int limit,
            @RequestParam(name = "statuses", required = false) List<String> statuses,
            @RequestParam("updatedBefore") String updatedBefore);

    /** Every reservation line of the given orders (at most {@value #MAX_AUDIT_PAGE} orders). */
    @PostMapping("/internal/reservation-audits/lookup")
    List<ReservationAuditResponse> lookupReservations(@RequestBody List<String> orderNos);

    /** Finishes the order's reservation branch of a global transaction the coordinator no longer drives. */
    @PostMapping("/internal/stock-reservations/{orderNo}/settlement")
    StockReservationResponse settle(@PathVariable("orderNo") String orderNo,
            @RequestBody @Valid SettlementRequest request);

    /** SKUs in id order after {@code cursor}, each with the figures its reservations imply. */
    @GetMapping("/internal/sku-audits")
    SkuAuditPageResponse skuAudits(@RequestParam(name = "cursor", required = false) String cursor,
            @RequestParam("limit") int limit);
}
