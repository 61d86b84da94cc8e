package com.orderpay.order.paying.tcc;

import org.apache.seata.rm.tcc.api.BusinessActionContext;
import org.apache.seata.rm.tcc.api.BusinessActionContextParameter;
import org.apache.seata.rm.tcc.api.LocalTCC;
import org.apache.seata.rm.tcc.api.TwoPhaseBusinessAction;

/**
 * The order's own branch of a later payment, and its first: Try is the one compare-and-set that decides between
 * paying, cancelling and expiring (AWAITING_PAYMENT and not past the deadline becomes PAYING, or 409
 * order-not-payable and nothing else runs); Confirm makes it PAID and closes its deadline; Cancel makes it
 * AWAITING_PAYMENT again. Once PAYING, a cancellation or an expiry finds nothing to change.
 */
@LocalTCC
public interface OrderPaymentTccAction {

    String NAME = "order-payment";

    @TwoPhaseBusinessAction(name = NAME, commitMethod = "confirm", rollbackMethod = "cancel", useTCCFence = true)
    void startPayment(@BusinessActionContextParameter(paramName = "orderNo") String orderNo,
            @BusinessActionContextParameter(paramName = "userId") String userId, String paymentKey,
            BusinessActionContext context);

    boolean confirm(BusinessActionContext context);

    boolean cancel(BusinessActionContext context);
}
