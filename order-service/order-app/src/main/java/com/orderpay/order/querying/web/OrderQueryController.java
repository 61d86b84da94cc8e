package com.orderpay.order.querying.web;

import com.orderpay.order.api.OrderPageResponse;
import com.orderpay.order.api.OrderResponse;
import com.orderpay.order.querying.OrderQueries;
import com.orderpay.order.web.OrderResponses;
import com.orderpay.platform.identity.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A user's own orders. */
@RestController
public class OrderQueryController {

    private final OrderQueries queries;

    public OrderQueryController(OrderQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/api/orders/{orderNo}")
    public OrderResponse order(Caller caller, @PathVariable("orderNo") String orderNo) {
        return OrderResponses.of(queries.ownOrder(caller.userId(), orderNo));
    }

    @GetMapping("/api/orders")
    public OrderPageResponse orders(Caller caller, @RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "limit", required = false) Integer limit,
            @RequestParam(name = "cursor", required = false) String cursor) {
        return queries.ownOrders(caller.userId(), status, limit, cursor);
    }
}
