package com.orderpay.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The README's run command ends here: the whole system on loopback with the local ports, data under
 * {@code ORDERPAY_HOME} (default {@code .orderpay/} in the checkout), until Ctrl-C stops everything.
 */
public final class LocalRun {

    private LocalRun() {
    }

    public static void main(String[] args) throws InterruptedException {
        ProjectLayout layout = ProjectLayout.detect();
        Path home = Path.of(System.getenv().getOrDefault("ORDERPAY_HOME", layout.root().resolve(".orderpay").toString()))
                .toAbsolutePath();
        Set<OrderpayService> services = EnumSet.noneOf(OrderpayService.class);
        for (OrderpayService service : OrderpayService.values()) {
            if (service.presentIn(layout)) {
                services.add(service);
            }
        }
        String token = System.getenv().getOrDefault("ORDERPAY_INTERNAL_TOKEN", "local-dev-internal-token");
        long started = System.nanoTime();
        try {
            EarlierRun.stopLeftoversOrRefuse(home);
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
        OrderpayStack stack = OrderpayStack.start(new OrderpayStack.Settings(home, true, services, token, Map.of(),
                OrderpayStack.ExternalServers.fromEnvironment()));
        // As Kubernetes restarts a pod's container: a part that dies (a crash, a kill -9) comes back on its own.
        boolean restartParts = !"never".equalsIgnoreCase(System.getenv().getOrDefault("ORDERPAY_RESTART_POLICY", "Always"));
        if (restartParts) {
            stack.restartPartsThatExit(Duration.ofSeconds(2));
        } else {
            stack.reportPartsThatExit();
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping orderpay...");
            stack.close();
            stopped.countDown();
        }, "orderpay-local-shutdown"));

        StringBuilder banner = new StringBuilder();
        banner.append("\norderpay is running (started in ").append((System.nanoTime() - started) / 1_000_000_000)
                .append(" s). Ctrl-C stops everything.\n\n");
        for (OrderpayService service : services) {
            banner.append(String.format("  %-22s http://localhost:%d%n", service.serviceName(), stack.port(service)));
        }
        banner.append(String.format("  %-22s 127.0.0.1:%d (console %d)%n", "seata-server (TC)",
                stack.coordinator().rpcPort(), stack.coordinator().consolePort()));
        banner.append(String.format("  %-22s %s (root, no password)%n", "MariaDB", stack.dbHostPort()));
        banner.append(String.format("  %-22s %s%n", "Redis", stack.redisHostPort()));
        banner.append("\n  Public API:  http://localhost:8080/api/...   (see README: curl walk-through)\n");
        banner.append("  Data, logs:  ").append(home).append('\n');
        banner.append(restartParts ? "  A part that exits is started again (ORDERPAY_RESTART_POLICY=Never keeps it down).\n"
                : "  A part that exits stays down (ORDERPAY_RESTART_POLICY=Never).\n");
        System.out.println(banner);
        stopped.await();
    }
}
