package com.orderpay.order.operating.web;

import com.orderpay.order.api.AdminOrderPageResponse;
import com.orderpay.order.api.AdminOrderResponse;
import com.orderpay.order.operating.OrderOperations;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Any user's orders for operators (ADMIN; the gateway and the identity filter refuse anyone else). Read only. */
@RestController
public class OrderAdminController {

    private final OrderOperations operations;

    public OrderAdminController(OrderOperations operations) {
        this.operations = operations;
    }

    @GetMapping("/api/admin/orders")
    public AdminOrderPageResponse orders(@RequestParam(name = "userId", required = false) String userId,
            @RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "olderThan", required = false) String olderThan,
            @RequestParam(name = "stuck", defaultValue = "false") boolean stuck,
            @RequestParam(name = "limit", required = false) Integer limit,
            @RequestParam(name = "cursor", required = false) String cursor) {
        return operations.search(userId, status, olderThan, stuck, limit, cursor);
    }

    @GetMapping("/api/admin/orders/{orderNo}")
    public AdminOrderResponse order(@PathVariable("orderNo") String orderNo) {
        return operations.story(orderNo);
    }
}
