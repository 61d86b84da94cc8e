package com.orderpay.inventory.stocking.web;

import com.orderpay.inventory.api.ReservationAuditResponse;
import com.orderpay.inventory.api.StockFiguresResponse;
import com.orderpay.inventory.auditing.StockAudits;
import com.orderpay.inventory.stocking.StockingService;
import com.orderpay.inventory.web.StockResponses;
import com.orderpay.platform.problem.ProblemException;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * What an operator reads of the stock (ADMIN; the identity filter refuses anyone else): every SKU's figures, the
 * live holds on one SKU, and the reservation of one order with its global transactions. Read only.
 */
@RestController
public class StockAdminController {

    private static final Pattern ORDER_NO = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final StockingService stocking;
    private final StockAudits audits;

    public StockAdminController(StockingService stocking, StockAudits audits) {
        this.stocking = stocking;
        this.audits = audits;
    }

    /** Every SKU with on hand, reserved, available and sold, in id order. */
    @GetMapping("/api/admin/skus")
    public List<StockFiguresResponse> skus() {
        return stocking.catalogue().stream().map(StockResponses::figures).toList();
    }

    /** The SKU's reservation lines still holding units (TRYING, HELD, SELLING), oldest first; 404 for no such SKU. */
    @GetMapping("/api/admin/skus/{skuId}/holds")
    public List<ReservationAuditResponse> holds(@PathVariable("skuId") String skuId) {
        stocking.find(StockResponses.requireSkuId(skuId)).orElseThrow(() -> ProblemException.notFound("SKU " + skuId));
        return audits.liveHoldsOf(skuId);
    }

    /** Every line the order reserved, with its status and the XIDs of its Try and of a later sale; 404 without any. */
    @GetMapping("/api/admin/stock-reservations/{orderNo}")
    public List<ReservationAuditResponse> reservation(@PathVariable("orderNo") String orderNo) {
        List<ReservationAuditResponse> lines = ORDER_NO.matcher(orderNo).matches() ? audits.lookup(List.of(orderNo))
                : List.of();
        if (lines.isEmpty()) {
            throw ProblemException.notFound("Stock reservation of order " + orderNo);
        }
        return lines;
    }
}
