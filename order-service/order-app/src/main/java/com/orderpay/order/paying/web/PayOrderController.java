package com.orderpay.order.paying.web;

import com.orderpay.order.paying.OrderPayingService;
import com.orderpay.order.web.OrderResponses;
import com.orderpay.platform.idempotency.IdempotentRequests;
import com.orderpay.platform.identity.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/orders/{orderNo}/payment}: one Idempotency-Key, one payment attempt, the money moved at most once. */
@RestController
public class PayOrderController {

    static final String OPERATION = "POST /api/orders/{orderNo}/payment";

    private final OrderPayingService paying;
    private final IdempotentRequests idempotentRequests;

    public PayOrderController(OrderPayingService paying, IdempotentRequests idempotentRequests) {
        this.paying = paying;
        this.idempotentRequests = idempotentRequests;
    }

    @PostMapping("/api/orders/{orderNo}/payment")
    public ResponseEntity<?> pay(Caller caller, @RequestHeader("Idempotency-Key") String idempotencyKey,
            @PathVariable("orderNo") String orderNo) {
        // The order number is the request: the same key for another order is a 422, never a replay.
        return idempotentRequests.execute(caller.userId(), idempotencyKey, OPERATION, orderNo,
                attempt -> ResponseEntity.ok(OrderResponses.of(paying.pay(caller.userId(), orderNo, idempotencyKey,
                        attempt))));
    }
}
