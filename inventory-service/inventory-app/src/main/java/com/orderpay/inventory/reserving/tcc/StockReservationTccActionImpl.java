package com.orderpay.inventory.reserving.tcc;

import com.orderpay.inventory.api.ReservationPurpose;
import com.orderpay.inventory.domain.ReservedStock;
import com.orderpay.inventory.domain.SkuQuantity;
import com.orderpay.inventory.reserving.StockMetrics;
import com.orderpay.inventory.reserving.StockReservationService;
import java.util.List;
import org.apache.seata.rm.tcc.api.BusinessActionContext;
import org.apache.seata.rm.tcc.api.BusinessActionContextParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Phase two works from the XID alone (the rows carry the Try's XID), so it needs nothing from the action
 * context; each step is a status compare-and-set, idempotent even without the fence.
 */
@Component
public class StockReservationTccActionImpl implements StockReservationTccAction {

    private static final Logger log = LoggerFactory.getLogger(StockReservationTccActionImpl.class);

    private final StockReservationService reservations;
    private final StockMetrics metrics;

    public StockReservationTccActionImpl(StockReservationService reservations, StockMetrics metrics) {
        this.reservations = reservations;
        this.metrics = metrics;
    }

    @Override
    public ReservedStock reserve(@BusinessActionContextParameter(paramName = "orderNo") String orderNo,
            ReservationPurpose purpose, List<SkuQuantity> lines, BusinessActionContext context) {
        GlobalTransactions.requireGlobalTransaction("Reserving stock");
        return reservations.reserve(orderNo, purpose, lines, context.getXid());
    }

    @Override
    public boolean confirm(BusinessActionContext context) {
        try {
            int moved = reservations.confirmReservation(context.getXid());
            // Every order confirms: counted by the metric below, logged only when asked for (a cancel is logged).
            log.debug("Confirmed stock reservation of {} ({} lines moved)", context.getXid(), moved);
            metrics.phaseTwo("reserve", "confirm", "done");
            return true;
        } catch (RuntimeException e) {
            metrics.phaseTwo("reserve", "confirm", "failed");
            throw e;
        }
    }

    @Override
    public boolean cancel(BusinessActionContext context) {
        try {
            int moved = reservations.cancelReservation(context.getXid());
            log.info("Cancelled stock reservation of {} ({} lines given back)", context.getXid(), moved);
            metrics.phaseTwo("reserve", "cancel", "done");
            return true;
        } catch (RuntimeException e) {
            metrics.phaseTwo("reserve", "cancel", "failed");
            throw e;
        }
    }
}
