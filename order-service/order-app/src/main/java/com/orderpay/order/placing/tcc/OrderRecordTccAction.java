package com.orderpay.order.placing.tcc;

import com.orderpay.order.domain.Order;
import org.apache.seata.rm.tcc.api.BusinessActionContext;
import org.apache.seata.rm.tcc.api.BusinessActionContextParameter;
import org.apache.seata.rm.tcc.api.LocalTCC;
import org.apache.seata.rm.tcc.api.TwoPhaseBusinessAction;

/**
 * The order's own branch of the placing transaction, so that the order row shares the global outcome with the
 * stock and the money. Try records the order PLACING with its items; Confirm makes it PAID (pay now) or
 * AWAITING_PAYMENT with its deadline (and writes its {@code payment_deadline} row); Cancel makes it REJECTED. The
 * fence runs each phase once, turns a Cancel before the Try into an empty rollback and refuses a Try arriving after
 * its Cancel.
 */
@LocalTCC
public interface OrderRecordTccAction {

    String NAME = "order-record";

    @TwoPhaseBusinessAction(name = NAME, commitMethod = "confirm", rollbackMethod = "cancel", useTCCFence = true)
    void record(@BusinessActionContextParameter(paramName = "orderNo") String orderNo, Order order,
            String placementKey, BusinessActionContext context);

    boolean confirm(BusinessActionContext context);

    boolean cancel(BusinessActionContext context);
}
