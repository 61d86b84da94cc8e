package com.orderpay.compensation.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param scheduleEnabled whether runs are also started on a schedule (on-demand runs always work)
 * @param interval        how often a scheduled run starts, across all replicas
 * @param grace           records changed more recently than this are left alone: far above the global transaction
 *                        timeout (20 s), so an in-flight transaction is never taken for an orphan
 * @param pageSize        rows per page and per lookup (1-200): what a run holds in memory at once
 * @param lease           a run whose replica stopped heartbeating this long ago is marked FAILED
 * @param pagePause       a pause after every page: a run yields the CPU and the databases to the order path
 */
@ConfigurationProperties("orderpay.reconciliation")
public record ReconciliationProperties(@DefaultValue("true") boolean scheduleEnabled,
                                       @DefaultValue("PT5M") Duration interval,
                                       @DefaultValue("PT2M") Duration grace,
                                       @DefaultValue("200") int pageSize,
                                       @DefaultValue("PT2M") Duration lease,
                                       @DefaultValue("PT0.02S") Duration pagePause) {

    /** The global transaction timeout of order-service's placing and paying ({@code OrderPlacement.TIMEOUT_MILLIS}). */
    public static final Duration GLOBAL_TRANSACTION_TIMEOUT = Duration.ofSeconds(20);

    public ReconciliationProperties {
        if (pageSize < 1 || pageSize > 200) {
            throw new IllegalStateException("orderpay.reconciliation.page-size must be 1-200, was " + pageSize);
        }
        if (grace.compareTo(GLOBAL_TRANSACTION_TIMEOUT) <= 0) {
            throw new IllegalStateException("orderpay.reconciliation.grace must exceed the global transaction timeout "
                    + GLOBAL_TRANSACTION_TIMEOUT + ", was " + grace);
        }
        if (interval.isNegative() || interval.isZero() || lease.isNegative() || lease.isZero()) {
            throw new IllegalStateException("orderpay.reconciliation.interval and lease must be positive");
        }
        if (pagePause.isNegative() || pagePause.compareTo(lease.dividedBy(4)) > 0) {
            throw new IllegalStateException("orderpay.reconciliation.page-pause must be 0 to a quarter of the lease");
        }
    }
}
