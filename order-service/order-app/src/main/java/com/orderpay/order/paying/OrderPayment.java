package com.orderpay.order.paying;

import com.orderpay.order.client.FundsFreezes;
import com.orderpay.order.client.StockReservations;
import com.orderpay.order.domain.Order;
import com.orderpay.order.paying.tcc.OrderPaymentTccAction;
import org.apache.seata.spring.annotation.GlobalTransactional;
import org.springframework.stereotype.Component;

/**
 * Paying an order placed with pay-later is one global transaction: claim the order, sell its held stock, take the
 * money. The order's own branch comes first, so a payment that lost the race to a cancellation or an expiry stops
 * before it touches stock or money; anything failing later rolls every branch back and the order awaits payment
 * again.
 */
@Component
public class OrderPayment {

    /** Longer than a sibling's read timeout, short enough that a stuck payment gives the order back soon. */
    static final int TIMEOUT_MILLIS = 20_000;

    private final OrderPaymentTccAction orderPayment;
    private final StockReservations stock;
    private final FundsFreezes funds;

    public OrderPayment(OrderPaymentTccAction orderPayment, StockReservations stock, FundsFreezes funds) {
        this.orderPayment = orderPayment;
        this.stock = stock;
        this.funds = funds;
    }

    @GlobalTransactional(name = "pay-order", timeoutMills = TIMEOUT_MILLIS)
    public void pay(Order order, String paymentKey) {
        orderPayment.startPayment(order.orderNo(), order.userId(), paymentKey, null);
        stock.sellHeldFor(order);
        funds.freezeFor(order);
    }
}
