package com.orderpay.inventory.reserving.tcc;

import com.orderpay.inventory.api.ReservationPurpose;
import com.orderpay.inventory.domain.ReservedStock;
import com.orderpay.inventory.domain.SkuQuantity;
import java.util.List;
import org.apache.seata.rm.tcc.api.BusinessActionContext;
import org.apache.seata.rm.tcc.api.BusinessActionContextParameter;
import org.apache.seata.rm.tcc.api.LocalTCC;
import org.apache.seata.rm.tcc.api.TwoPhaseBusinessAction;

/**
 * The inventory branch of placing an order. Try reserves every line or nothing (and answers their prices); Confirm sells a SALE
 * reservation or keeps a HOLD reserved; Cancel gives the units back. The fence makes each phase run once,
 * turns a Cancel before its Try into an empty rollback and refuses a Try that arrives after its Cancel.
 */
@LocalTCC
public interface StockReservationTccAction {

    String NAME = "inventory-reserve-stock";

    @TwoPhaseBusinessAction(name = NAME, commitMethod = "confirm", rollbackMethod = "cancel", useTCCFence = true)
    ReservedStock reserve(@BusinessActionContextParameter(paramName = "orderNo") String orderNo,
            ReservationPurpose purpose, List<SkuQuantity> lines, BusinessActionContext context);

    boolean confirm(BusinessActionContext context);

    boolean cancel(BusinessActionContext context);
}
