package com.orderpay.order.placing;

import com.orderpay.inventory.api.StockLine;
import com.orderpay.order.api.PlaceOrderRequest;
import com.orderpay.order.client.FundsFreezes;
import com.orderpay.order.client.StockReservations;
import com.orderpay.order.domain.Order;
import com.orderpay.order.domain.OrderItem;
import com.orderpay.order.placing.tcc.OrderRecordTccAction;
import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.seata.spring.annotation.GlobalTransactional;
import org.springframework.stereotype.Component;

/**
 * Placing an order is one global transaction: every Try below registers a branch with the coordinator, which
 * confirms all of them when this method returns, or cancels all of them when it throws. So no stock or money
 * moves without an order, and no order claims a payment that did not happen.
 */
@Component
public class OrderPlacement {

    /** Longer than a sibling's read timeout, short enough that a stuck placement gives its stock back soon. */
    static final int TIMEOUT_MILLIS = 20_000;

    private final StockReservations stock;
    private final FundsFreezes funds;
    private final OrderRecordTccAction orderRecord;

    public OrderPlacement(StockReservations stock, FundsFreezes funds, OrderRecordTccAction orderRecord) {
        this.stock = stock;
        this.funds = funds;
        this.orderRecord = orderRecord;
    }

    /**
     * The stock's Try goes first and answers the catalogue prices the order is placed at (read under the locks that
     * reserved it: no separate catalogue read before the transaction), then the money's, then the order's own.
     *
     * @param placementKey the Idempotency-Key: the order's own Try refuses a second live order under it
     */
    @GlobalTransactional(name = "place-order", timeoutMills = TIMEOUT_MILLIS)
    public void place(String orderNo, String userId, PlaceOrderRequest request, Instant at, String placementKey) {
        Map<String, BigDecimal> prices = stock.reserveFor(orderNo, request.paysNow(),
                request.items().stream().map(item -> new StockLine(item.skuId(), item.quantity())).toList());
        List<OrderItem> items = request.items().stream()
                .map(item -> new OrderItem(item.skuId(), item.quantity(), prices.get(item.skuId())))
                .toList();
        Order order = Order.place(orderNo, userId, items, request.paysNow(), at);
        if (order.total().compareTo(Order.LARGEST_TOTAL) > 0) {
            // Known only once priced: the stock's Try is rolled back with the rest, and the buyer is told why.
            throw new ProblemException(ProblemCode.VALIDATION_FAILED, "The order's total " + order.total().toPlainString()
                    + " is more than an order can be (" + Order.LARGEST_TOTAL.toPlainString() + "); nothing was "
                    + "reserved or charged");
        }
        if (order.paysNow()) {
            funds.freezeFor(order);
        }
        orderRecord.record(order.orderNo(), order, placementKey, null);
    }
}
