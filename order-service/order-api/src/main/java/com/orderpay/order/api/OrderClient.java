package com.orderpay.order.api;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** order-service's internal API, for siblings such as compensation-service. */
@FeignClient(name = "order-service", contextId = "orderClient")
public interface OrderClient {

    /** Any user's order (internal callers only); 404 when unknown. */
    @GetMapping("/internal/orders/{orderNo}")
    OrderResponse order(@PathVariable("orderNo") String orderNo);
}
