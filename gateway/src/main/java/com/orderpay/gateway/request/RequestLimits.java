package com.orderpay.gateway.request;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** @param maxRequestBody the largest request body the gateway accepts or forwards (orders are small) */
@ConfigurationProperties("orderpay.gateway")
public record RequestLimits(DataSize maxRequestBody) {

    public RequestLimits {
        if (maxRequestBody == null || maxRequestBody.toBytes() <= 0) {
            throw new IllegalStateException("orderpay.gateway.max-request-body must be positive");
        }
    }
}
