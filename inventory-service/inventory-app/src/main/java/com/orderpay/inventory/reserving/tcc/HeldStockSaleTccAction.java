package com.orderpay.inventory.reserving.tcc;

import com.orderpay.inventory.domain.StockReservation;
import java.util.List;
import org.apache.seata.rm.tcc.api.BusinessActionContext;
import org.apache.seata.rm.tcc.api.BusinessActionContextParameter;
import org.apache.seata.rm.tcc.api.LocalTCC;
import org.apache.seata.rm.tcc.api.TwoPhaseBusinessAction;

/**
 * The inventory branch of paying an order placed with {@code payNow:false}. Try marks the hold SELLING (409
 * order-not-payable without a hold); Confirm sells the held units; Cancel holds them again.
 */
@LocalTCC
public interface HeldStockSaleTccAction {

    String NAME = "inventory-sell-held-stock";

    @TwoPhaseBusinessAction(name = NAME, commitMethod = "confirm", rollbackMethod = "cancel", useTCCFence = true)
    List<StockReservation> sell(@BusinessActionContextParameter(paramName = "orderNo") String orderNo,
            BusinessActionContext context);

    boolean confirm(BusinessActionContext context);

    boolean cancel(BusinessActionContext context);
}
