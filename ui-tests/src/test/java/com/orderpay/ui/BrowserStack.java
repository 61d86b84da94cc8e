package com.orderpay.ui;

import com.orderpay.devstack.OrderpayService;
import com.orderpay.devstack.OrderpayStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Map;

/**
 * The whole system for the browser suite, started once per test JVM the way the run command starts it, on random
 * ports. order-service pays later within {@link #PAYMENT_TIMEOUT} and has its three expiry layers switched off, so
 * an unpaid order really stays AWAITING_PAYMENT past its deadline (the stuck order the console must find);
 * compensation-service judges records older than {@link #RECONCILIATION_GRACE} and samples traffic every 2 s.
 */
final class BrowserStack {

    static final Duration PAYMENT_TIMEOUT = Duration.ofSeconds(20);
    static final Duration RECONCILIATION_GRACE = Duration.ofSeconds(21);

    private static OrderpayStack stack;

    private BrowserStack() {
    }

    static synchronized OrderpayStack get() {
        if (stack == null) {
            try {
                Path home = Files.createTempDirectory("orderpay-ui-");
                stack = OrderpayStack.start(new OrderpayStack.Settings(home, false,
                        EnumSet.of(OrderpayService.INVENTORY, OrderpayService.WALLET, OrderpayService.ORDER,
                                OrderpayService.COMPENSATION, OrderpayService.GATEWAY),
                        "ui-test-token",
                        Map.of(OrderpayService.ORDER, Map.of(
                                        "orderpay.order.payment-timeout", PAYMENT_TIMEOUT.toString(),
                                        "orderpay.order.expiry.redis.enabled", "false",
                                        "orderpay.order.expiry.db.enabled", "false",
                                        "orderpay.order.expiry.timer.enabled", "false"),
                                OrderpayService.COMPENSATION, Map.of(
                                        "orderpay.reconciliation.grace", RECONCILIATION_GRACE.toString(),
                                        "orderpay.reconciliation.schedule-enabled", "false",
                                        "orderpay.metrics.sample-interval", "PT2S")),
                        null));
                OrderpayStack started = stack;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    started.close();
                    deleteQuietly(home);
                }, "orderpay-ui-shutdown"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return stack;
    }

    static String gateway() {
        return get().baseUrl(OrderpayService.GATEWAY);
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // Only a temporary folder.
        }
    }
}
