package com.orderpay.order.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param paymentTimeout how long a pay-later order holds its stock (from placing) before it expires;
 *                       {@code orderpay.order.payment-timeout}, env {@code ORDERPAY_ORDER_PAYMENTTIMEOUT}
 */
@ConfigurationProperties("orderpay.order")
public record OrderProperties(@DefaultValue("PT15M") Duration paymentTimeout) {

    public OrderProperties {
        if (paymentTimeout.isNegative() || paymentTimeout.isZero()) {
            throw new IllegalStateException("orderpay.order.payment-timeout must be positive, was " + paymentTimeout);
        }
    }
}
