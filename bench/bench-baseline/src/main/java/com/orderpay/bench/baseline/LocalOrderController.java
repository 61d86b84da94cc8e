package com.orderpay.bench.baseline;

import com.orderpay.order.api.PlaceOrderRequest;
import com.orderpay.platform.idempotency.IdempotentRequests;
import com.orderpay.platform.identity.Caller;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/bench/orders}: the body and the Idempotency-Key of {@code POST /api/orders}; the key's claim, the
 * order's writes and the stored answer commit in one local transaction (the platform's {@code executeLocally}).
 */
@RestController
public class LocalOrderController {

    private final LocalOrders orders;
    private final IdempotentRequests idempotentRequests;

    public LocalOrderController(LocalOrders orders, IdempotentRequests idempotentRequests) {
        this.orders = orders;
        this.idempotentRequests = idempotentRequests;
    }

    @PostMapping("/api/bench/orders")
    public ResponseEntity<?> place(Caller caller, @RequestHeader("Idempotency-Key") String idempotencyKey,
            @Valid @RequestBody PlaceOrderRequest request) {
        return idempotentRequests.executeLocally(caller.userId(), idempotencyKey, "POST /api/bench/orders", request,
                () -> ResponseEntity.status(HttpStatus.CREATED)
                        .body(orders.placePaid(caller.userId(), idempotencyKey, request)));
    }
}
