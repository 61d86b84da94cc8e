package com.orderpay.compensation.config;

import java.math.BigDecimal;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Alert thresholds; each rule fires when its value is strictly past its threshold (more than 10 pending orders
 * fires at 11, a success rate below 99.5 % fires at 99.4 %).
 *
 * @param evaluationInterval how often the rules are evaluated (and after every run)
 * @param pendingOrders      more than this many orders pending (PLACING, AWAITING_PAYMENT, PAYING) ...
 * @param pendingAge         ... placed longer ago than this
 * @param paymentsPerUser    one user with more than this many payments (debits) ...
 * @param amountPerUser      ... or more than this amount paid ...
 * @param paymentsWindow     ... within this window
 * @param orderSuccessRate   order placements that did not fail, in percent, below which the rule fires
 * @param paymentSuccessRate payments that did not fail, in percent, below which the rule fires
 * @param successWindow      the window of both rates
 * @param minVolume          attempts in the window before a rate is judged at all
 * @param runOverdueAfter    no run completed for this long: the reconciliation is overdue
 * @param webhook            where alerts are POSTed, if anywhere
 */
@ConfigurationProperties("orderpay.alerts")
public record AlertProperties(@DefaultValue("PT30S") Duration evaluationInterval,
                              @DefaultValue("10") long pendingOrders,
                              @DefaultValue("PT30M") Duration pendingAge,
                              @DefaultValue("50") long paymentsPerUser,
                              @DefaultValue("10000.00") BigDecimal amountPerUser,
                              @DefaultValue("PT1H") Duration paymentsWindow,
                              @DefaultValue("99.5") BigDecimal orderSuccessRate,
                              @DefaultValue("99.9") BigDecimal paymentSuccessRate,
                              @DefaultValue("PT15M") Duration successWindow,
                              @DefaultValue("100") long minVolume,
                              @DefaultValue("PT15M") Duration runOverdueAfter,
                              @DefaultValue Webhook webhook) {

    /**
     * @param url          empty: no webhook
     * @param maxAttempts  tries per alert event before it is dropped (and logged)
     * @param firstBackoff the wait before the second try; doubled after each failure
     */
    public record Webhook(@DefaultValue("") String url, @DefaultValue("5") int maxAttempts,
                          @DefaultValue("PT1S") Duration firstBackoff) {

        public boolean enabled() {
            return url != null && !url.isBlank();
        }
    }
}
