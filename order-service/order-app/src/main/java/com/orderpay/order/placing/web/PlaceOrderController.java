package com.orderpay.order.placing.web;

import com.orderpay.order.api.PlaceOrderRequest;
import com.orderpay.order.domain.Order;
import com.orderpay.order.domain.OrderStatus;
import com.orderpay.order.placing.OrderPlacingService;
import com.orderpay.order.web.OrderResponses;
import com.orderpay.platform.idempotency.IdempotentRequests;
import com.orderpay.platform.identity.Caller;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/orders}: one Idempotency-Key, one order. */
@RestController
public class PlaceOrderController {

    static final String OPERATION = "POST /api/orders";

    private final OrderPlacingService placing;
    private final IdempotentRequests idempotentRequests;

    public PlaceOrderController(OrderPlacingService placing, IdempotentRequests idempotentRequests) {
        this.placing = placing;
        this.idempotentRequests = idempotentRequests;
    }

    @PostMapping("/api/orders")
    public ResponseEntity<?> place(Caller caller, @RequestHeader("Idempotency-Key") String idempotencyKey,
            @Valid @RequestBody PlaceOrderRequest request) {
        // Refused before the key is claimed: bad input changes nothing, not even the key.
        OrderPlacingService.validate(request);
        return idempotentRequests.execute(caller.userId(), idempotencyKey, OPERATION, request,
                attempt -> {
                    Order placed = placing.place(caller.userId(), idempotencyKey, request, attempt);
                    // 202 while the coordinator has not finished the order: read it back for its outcome.
                    HttpStatus status = placed.status() == OrderStatus.PLACING ? HttpStatus.ACCEPTED : HttpStatus.CREATED;
                    return ResponseEntity.status(status).body(OrderResponses.of(placed));
                });
    }
}
