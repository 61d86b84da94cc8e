package com.orderpay.order.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param paymentTimeout     how long a pay-later order holds its stock (from placing) before it expires;
 *                           {@code orderpay.order.payment-timeout}, env {@code ORDERPAY_ORDER_PAYMENTTIMEOUT}
 * @param expiryScanInterval how often the database layer looks for orders past their deadline (and for holds still
 *                           to give back); {@code orderpay.order.expiry-scan-interval}. An unpaid order outlives its
 *                           deadline by at most about this much even when Redis and the in-process timer are gone.
 * @param expiry             the three expiry layers, each of which can be switched off on its own
 * @param unpaidLimits       how much one user may hold without paying, so stock cannot be hoarded without money
 */
@ConfigurationProperties("orderpay.order")
public record OrderProperties(@DefaultValue("PT15M") Duration paymentTimeout,
                              @DefaultValue("PT5S") Duration expiryScanInterval,
                              @DefaultValue Expiry expiry,
                              @DefaultValue UnpaidLimits unpaidLimits) {

    public OrderProperties {
        requirePositive("orderpay.order.payment-timeout", paymentTimeout);
        requirePositive("orderpay.order.expiry-scan-interval", expiryScanInterval);
    }

    /**
     * Per user, over the orders placed to pay later and not yet paid, cancelled, expired or rejected (409
     * {@code too-many-unpaid-orders} beyond either).
     *
     * @param maxOrders how many such orders; {@code orderpay.order.unpaid-limits.max-orders}
     * @param maxUnits  how many units they hold together; {@code orderpay.order.unpaid-limits.max-units}
     */
    public record UnpaidLimits(@DefaultValue("10") int maxOrders, @DefaultValue("500") long maxUnits) {

        public UnpaidLimits {
            if (maxOrders < 1 || maxUnits < 1) {
                throw new IllegalStateException("orderpay.order.unpaid-limits must be positive");
            }
        }
    }

    /**
     * @param redis layer 1: a Redis sorted set of order numbers scored by their deadline, polled
     * @param db    layer 2: the {@code payment_deadline} table, scanned on one replica at a time
     * @param timer layer 3: an in-process timer per order this process placed (lost on restart)
     */
    public record Expiry(@DefaultValue Redis redis, @DefaultValue Layer db, @DefaultValue Layer timer) {
    }

    public record Layer(@DefaultValue("true") boolean enabled) {
    }

    /**
     * @param key          the sorted set; one per deployment sharing a Redis
     * @param pollInterval how often due members are taken
     */
    public record Redis(@DefaultValue("true") boolean enabled,
                        @DefaultValue("orderpay:order-service:payment-deadlines") String key,
                        @DefaultValue("PT0.25S") Duration pollInterval) {

        public Redis {
            requirePositive("orderpay.order.expiry.redis.poll-interval", pollInterval);
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalStateException(name + " must be positive, was " + value);
        }
    }
}
