package com.orderpay.inventory.reserving.web;

import com.orderpay.inventory.api.InventoryClient;
import com.orderpay.inventory.api.ReservationAuditPageResponse;
import com.orderpay.inventory.api.ReservationAuditResponse;
import com.orderpay.inventory.api.ReserveStockRequest;
import com.orderpay.inventory.api.ReservedStockResponse;
import com.orderpay.inventory.api.SettlementRequest;
import com.orderpay.inventory.api.SkuAuditPageResponse;
import com.orderpay.inventory.api.StockFiguresResponse;
import com.orderpay.inventory.api.StockReservationResponse;
import com.orderpay.inventory.auditing.StockAudits;
import com.orderpay.inventory.domain.ReservedStock;
import com.orderpay.inventory.domain.SkuQuantity;
import com.orderpay.inventory.reserving.StockMetrics;
import com.orderpay.inventory.reserving.StockReservationService;
import com.orderpay.inventory.reserving.tcc.HeldStockSaleTccAction;
import com.orderpay.inventory.reserving.tcc.StockReservationTccAction;
import com.orderpay.inventory.stocking.StockingService;
import com.orderpay.inventory.web.StockResponses;
import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import java.util.List;
import org.springframework.web.bind.annotation.RestController;

/**
 * The internal API other services call through {@link InventoryClient}; implementing the Feign interface keeps
 * contract and server from drifting. The TCC Trys go through the Seata proxies of the actions, which register
 * the branch with the coordinator (the XID was bound from the {@code TX_XID} header by Seata's MVC interceptor).
 */
@RestController
public class InternalStockController implements InventoryClient {

    private static final int MAX_ORDER_NO = 64;
    private static final int MAX_SKUS_PER_QUERY = 200;

    private final StockReservationTccAction reservationAction;
    private final HeldStockSaleTccAction saleAction;
    private final StockReservationService reservations;
    private final StockingService stocking;
    private final StockMetrics metrics;
    private final StockAudits audits;

    public InternalStockController(StockReservationTccAction reservationAction, HeldStockSaleTccAction saleAction,
            StockReservationService reservations, StockingService stocking, StockMetrics metrics, StockAudits audits) {
        this.reservationAction = reservationAction;
        this.saleAction = saleAction;
        this.reservations = reservations;
        this.stocking = stocking;
        this.metrics = metrics;
        this.audits = audits;
    }

    @Override
    public List<StockFiguresResponse> skus(List<String> skuIds) {
        if (skuIds.size() > MAX_SKUS_PER_QUERY) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED,
                    "At most " + MAX_SKUS_PER_QUERY + " SKUs per query");
        }
        return stocking.findAll(skuIds.stream().distinct().toList()).stream().map(StockResponses::figures).toList();
    }

    @Override
    public ReservedStockResponse reserve(ReserveStockRequest request) {
        List<SkuQuantity> lines = request.lines().stream().map(l -> new SkuQuantity(l.skuId(), l.quantity())).toList();
        ReservedStock reserved;
        try {
            reserved = reservationAction.reserve(request.orderNo(), request.purpose(), lines, null);
        } catch (ProblemException e) {
            if (e.code() == ProblemCode.OUT_OF_STOCK) {
                metrics.outOfStock();
            }
            throw e;
        }
        metrics.reserved();
        return StockResponses.reserved(request.orderNo(), reserved);
    }

    @Override
    public StockReservationResponse sellHeld(String orderNo) {
        return StockResponses.reservation(orderNo, saleAction.sell(requireOrderNo(orderNo), null));
    }

    @Override
    public StockReservationResponse release(String orderNo) {
        return StockResponses.reservation(orderNo, reservations.release(requireOrderNo(orderNo)));
    }

    @Override
    public StockReservationResponse reservation(String orderNo) {
        return StockResponses.reservation(orderNo, reservations.find(requireOrderNo(orderNo)));
    }

    @Override
    public ReservationAuditPageResponse reservationAudits(String cursor, int limit, List<String> statuses,
            String updatedBefore) {
        return audits.reservations(cursor, limit, statuses, updatedBefore);
    }

    @Override
    public List<ReservationAuditResponse> lookupReservations(List<String> orderNos) {
        return audits.lookup(orderNos);
    }

    @Override
    public StockReservationResponse settle(String orderNo, SettlementRequest request) {
        return StockResponses.reservation(orderNo, reservations.settle(requireOrderNo(orderNo), request.xid(),
                request.outcome() == SettlementRequest.Outcome.COMMIT));
    }

    @Override
    public SkuAuditPageResponse skuAudits(String cursor, int limit) {
        return audits.skus(cursor, limit);
    }

    private static String requireOrderNo(String orderNo) {
        if (orderNo.isBlank() || orderNo.length() > MAX_ORDER_NO) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED, "orderNo must be 1-" + MAX_ORDER_NO + " characters");
        }
        return orderNo;
    }
}
