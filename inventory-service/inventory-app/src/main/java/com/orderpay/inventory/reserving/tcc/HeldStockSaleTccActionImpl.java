package com.orderpay.inventory.reserving.tcc;

import com.orderpay.inventory.domain.StockReservation;
import com.orderpay.inventory.reserving.StockMetrics;
import com.orderpay.inventory.reserving.StockReservationService;
import java.util.List;
import org.apache.seata.rm.tcc.api.BusinessActionContext;
import org.apache.seata.rm.tcc.api.BusinessActionContextParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Phase two finds the lines by the sale's XID stored on them by the Try. */
@Component
public class HeldStockSaleTccActionImpl implements HeldStockSaleTccAction {

    private static final Logger log = LoggerFactory.getLogger(HeldStockSaleTccActionImpl.class);

    private final StockReservationService reservations;
    private final StockMetrics metrics;

    public HeldStockSaleTccActionImpl(StockReservationService reservations, StockMetrics metrics) {
        this.reservations = reservations;
        this.metrics = metrics;
    }

    @Override
    public List<StockReservation> sell(@BusinessActionContextParameter(paramName = "orderNo") String orderNo,
            BusinessActionContext context) {
        GlobalTransactions.requireGlobalTransaction("Selling held stock");
        return reservations.beginSale(orderNo, context.getXid());
    }

    @Override
    public boolean confirm(BusinessActionContext context) {
        try {
            int moved = reservations.completeSale(context.getXid());
            // Every payment confirms: counted by the metric below, logged only when asked for (a cancel is logged).
            log.debug("Sold held stock of {} ({} lines moved)", context.getXid(), moved);
            metrics.phaseTwo("sale", "confirm", "done");
            return true;
        } catch (RuntimeException e) {
            metrics.phaseTwo("sale", "confirm", "failed");
            throw e;
        }
    }

    @Override
    public boolean cancel(BusinessActionContext context) {
        try {
            int moved = reservations.abortSale(context.getXid());
            log.info("Held stock again after the sale {} was rolled back ({} lines)", context.getXid(), moved);
            metrics.phaseTwo("sale", "cancel", "done");
            return true;
        } catch (RuntimeException e) {
            metrics.phaseTwo("sale", "cancel", "failed");
            throw e;
        }
    }
}
