package com.orderpay.order.cancelling.web;

import com.orderpay.order.cancelling.OrderCancellingService;
import com.orderpay.order.web.OrderResponses;
import com.orderpay.platform.idempotency.IdempotentRequests;
import com.orderpay.platform.identity.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/orders/{orderNo}/cancellation}. Repeating it is safe without a key (the second answers 409 and
 * changes nothing); with an Idempotency-Key the repeat answers the first response instead.
 */
@RestController
public class CancelOrderController {

    static final String OPERATION = "POST /api/orders/{orderNo}/cancellation";

    private final OrderCancellingService cancelling;
    private final IdempotentRequests idempotentRequests;

    public CancelOrderController(OrderCancellingService cancelling, IdempotentRequests idempotentRequests) {
        this.cancelling = cancelling;
        this.idempotentRequests = idempotentRequests;
    }

    @PostMapping("/api/orders/{orderNo}/cancellation")
    public ResponseEntity<?> cancel(Caller caller,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @PathVariable("orderNo") String orderNo) {
        if (idempotencyKey == null) {
            return ResponseEntity.ok(OrderResponses.of(cancelling.cancel(caller.userId(), orderNo, false)));
        }
        return idempotentRequests.execute(caller.userId(), idempotencyKey, OPERATION, orderNo,
                attempt -> ResponseEntity.ok(OrderResponses.of(cancelling.cancel(caller.userId(), orderNo,
                        attempt.isResumed()))));
    }
}
