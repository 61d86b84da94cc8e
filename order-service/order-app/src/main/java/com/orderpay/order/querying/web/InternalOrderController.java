package com.orderpay.order.querying.web;

import com.orderpay.order.api.OrderClient;
import com.orderpay.order.api.OrderResponse;
import com.orderpay.order.querying.OrderQueries;
import com.orderpay.order.web.OrderResponses;
import org.springframework.web.bind.annotation.RestController;

/** The internal API siblings call through {@link OrderClient}; implementing it keeps contract and server in step. */
@RestController
public class InternalOrderController implements OrderClient {

    private final OrderQueries queries;

    public InternalOrderController(OrderQueries queries) {
        this.queries = queries;
    }

    @Override
    public OrderResponse order(String orderNo) {
        return OrderResponses.of(queries.anyOrder(orderNo));
    }
}
