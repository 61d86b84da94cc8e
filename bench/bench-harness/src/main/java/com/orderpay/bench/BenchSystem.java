package com.orderpay.bench;

import com.orderpay.devstack.JavaProcess;
import com.orderpay.devstack.OrderpayService;
import com.orderpay.devstack.OrderpayStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The system under test. Either started here, exactly as the local run starts it (the devstack launcher's
 * {@link OrderpayStack}, same jars and JVM flags) but on free ports, with the bench-only baseline app registered
 * behind the same gateway; or one already running (a {@code ./run-local.sh}) reached by its gateway's URL.
 */
final class BenchSystem implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BenchSystem.class);

    static final String BASELINE = "bench-baseline";
    static final String BASELINE_DB = "bench_db";
    private static final String INTERNAL_TOKEN = "bench-internal-token";
    /** The shortest reconciliation grace allowed (above the 20 s global transaction timeout). */
    static final Duration RECONCILIATION_GRACE = Duration.ofSeconds(21);

    /** The launcher settings (system properties) some variant set: cleared before the next one starts. */
    private static final java.util.Set<String> LAUNCHER_SETTINGS = new java.util.HashSet<>();

    private final OrderpayStack stack;
    private final JavaProcess baseline;
    private final String gatewayUrl;
    private final String dbHostPort;
    private Thread shutdownHook;
    private boolean closed;

    private BenchSystem(OrderpayStack stack, JavaProcess baseline, String gatewayUrl, String dbHostPort) {
        this.stack = stack;
        this.baseline = baseline;
        this.gatewayUrl = gatewayUrl;
        this.dbHostPort = dbHostPort;
    }

    /** A running system (no baseline: it is started only with a system the harness starts itself). */
    static BenchSystem running(String gatewayUrl, String dbHostPort) {
        return new BenchSystem(null, null, gatewayUrl, dbHostPort);
    }

    static BenchSystem start(Path home, Variant variant, Path harnessRoot) {
        // The devstack finds the jars to start under orderpay.root: the variant's build.
        System.setProperty("orderpay.root", variant.root().toString());
        variant.applyToLauncher(LAUNCHER_SETTINGS);
        // Held until the baseline starts, so that none of the stack's own free ports can be this one.
        java.net.ServerSocket reserved;
        try {
            reserved = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int baselinePort = reserved.getLocalPort();
        Map<OrderpayService, Map<String, String>> extra = new LinkedHashMap<>();
        for (OrderpayService service : OrderpayService.values()) {
            extra.put(service, new LinkedHashMap<>(variant.propertiesOf(service.serviceName())));
        }
        extra.get(OrderpayService.COMPENSATION).putAll(Map.of(
                "orderpay.reconciliation.grace", "PT" + RECONCILIATION_GRACE.toSeconds() + "S",
                "orderpay.reconciliation.schedule-enabled", "false"));
        // The baseline's route is added to this gateway only, at run time, through its actuator: one more static
        // discovery instance and the route endpoint, both given by property to this bench-started gateway alone.
        extra.get(OrderpayService.GATEWAY).putAll(Map.of(
                "spring.cloud.discovery.client.simple.instances." + BASELINE + "[0].uri", "http://127.0.0.1:" + baselinePort,
                "management.endpoints.web.exposure.include", "health,info,prometheus,gateway",
                "management.endpoint.gateway.access", "unrestricted"));
        OrderpayStack stack;
        try (reserved) {
            stack = OrderpayStack.start(new OrderpayStack.Settings(home, false, EnumSet.allOf(OrderpayService.class),
                    INTERNAL_TOKEN, extra, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JavaProcess baseline = null;
        try {
            createDatabase(stack.dbHostPort(), BASELINE_DB);
            Map<String, String> props = new LinkedHashMap<>(variant.propertiesOf(BASELINE));
            props.put("spring.profiles.active", "local");
            props.put("server.port", String.valueOf(baselinePort));
            props.put("server.address", "127.0.0.1");
            props.put("orderpay.identity.internal-token", INTERNAL_TOKEN);
            props.put("spring.datasource.url", jdbcUrl(stack.dbHostPort(), BASELINE_DB));
            props.put("spring.datasource.username", "root");
            props.put("spring.datasource.password", "");
            Path jar = harnessRoot.resolve("bench/bench-baseline/target/bench-baseline.jar");
            baseline = new JavaProcess(BASELINE, jar, com.orderpay.devstack.OrderpayService.memory("-Xmx256m"), props,
                    home.resolve("logs"));
            baseline.start();
            baseline.awaitHttpReady(baselinePort, Duration.ofSeconds(180));
            String gateway = stack.baseUrl(OrderpayService.GATEWAY);
            routeBaseline(new Api(gateway));
            BenchSystem system = new BenchSystem(stack, baseline, gateway, stack.dbHostPort());
            // Stopped like the local run when the harness is stopped (SIGTERM, Ctrl-C): no JVM left behind.
            Thread hook = new Thread(system::close, "bench-system-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            system.shutdownHook = hook;
            return system;
        } catch (RuntimeException | Error e) {
            if (baseline != null) {
                baseline.stop();
            }
            stack.close();
            throw e;
        }
    }

    private static void routeBaseline(Api gateway) {
        Map<String, Object> route = Map.of(
                "id", BASELINE,
                "uri", "lb://" + BASELINE,
                "predicates", List.of(Map.of("name", "Path", "args", Map.of("pattern", "/api/bench/**"))),
                // The same admission control and circuit breaker as every public route; the gateway's default
                // filters (rate limit) apply.
                "filters", List.of(Map.of("name", "Admission", "args", Map.of("service", BASELINE)),
                        Map.of("name", "CircuitBreaker", "args", Map.of("name", BASELINE))));
        gateway.expect(201, gateway.send("POST", "/actuator/gateway/routes/" + BASELINE, null, null, route),
                "adding the baseline's route");
        gateway.expect(200, gateway.send("POST", "/actuator/gateway/refresh", null, null, null), "refreshing routes");
    }

    boolean hasBaseline() {
        return baseline != null;
    }

    String gatewayUrl() {
        return gatewayUrl;
    }

    /** MariaDB's statement counters ({@link DatabaseWork}), or none when the server does not let us read them. */
    Map<String, Long> databaseCounters() {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(dbHostPort, ""), "root", "")) {
            return DatabaseWork.sample(connection);
        } catch (SQLException e) {
            log.warn("Database counters not read from {}: {}", dbHostPort, e.getMessage());
            return Map.of();
        }
    }

    Connection baselineDatabase() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(dbHostPort, BASELINE_DB), "root", "");
    }

    /**
     * The processes to meter, by name: every JVM, MariaDB and Redis of a started system (children of this JVM), or
     * those listening on the local run's ports of a running one.
     */
    Map<String, Long> processes() {
        Map<String, Long> found = new LinkedHashMap<>();
        if (stack != null) {
            ProcessHandle.current().descendants().forEach(process -> {
                String line = commandLine(process.pid());
                name(line).ifPresent(name -> found.putIfAbsent(name, process.pid()));
            });
        } else {
            Map<Integer, Long> listeners = listeners();
            Map<String, Integer> ports = new LinkedHashMap<>();
            ports.put("gateway", 8080);
            ports.put("order-service", 8081);
            ports.put("inventory-service", 8082);
            ports.put("wallet-service", 8083);
            ports.put("compensation-service", 8084);
            ports.put("seata-server (TC)", 8091);
            ports.put("mariadb", 3306);
            ports.put("redis", 6379);
            ports.forEach((name, port) -> Optional.ofNullable(listeners.get(port)).ifPresent(pid -> found.put(name, pid)));
        }
        found.put("load generator (harness JVM)", ProcessHandle.current().pid());
        return found;
    }

    private static Optional<String> name(String commandLine) {
        for (OrderpayService service : OrderpayService.values()) {
            String jar = service == OrderpayService.GATEWAY ? "gateway.jar" : service.serviceName() + ".jar";
            if (commandLine.contains("/" + jar)) {
                return Optional.of(service.serviceName());
            }
        }
        // The launcher starts the coordinator from its fat jar, or unpacked next to it (seata-server-cds/) with a
        // class-data archive: recognise it by its main class as well.
        if (commandLine.contains("seata-server.jar") || commandLine.contains(" io.seata.server.ServerApplication")) {
            return Optional.of("seata-server (TC)");
        }
        if (commandLine.contains(BASELINE + ".jar")) {
            return Optional.of(BASELINE);
        }
        if (commandLine.contains("mariadbd") || commandLine.contains("mysqld")) {
            return Optional.of("mariadb");
        }
        if (commandLine.contains("redis")) {
            return Optional.of("redis");
        }
        return Optional.empty();
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline"))).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    /** Listening TCP port → pid, from {@code ss -ltnpH}. */
    private static Map<Integer, Long> listeners() {
        Map<Integer, Long> found = new LinkedHashMap<>();
        Pattern line = Pattern.compile(":(\\d+)\\s.*pid=(\\d+)");
        try {
            Process ss = new ProcessBuilder("ss", "-ltnpH").redirectErrorStream(true).start();
            for (String row : new String(ss.getInputStream().readAllBytes()).split("\n")) {
                Matcher m = line.matcher(row);
                if (m.find()) {
                    found.putIfAbsent(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)));
                }
            }
            ss.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException("ss -ltnp (iproute2) is needed to find a running system's processes", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return found;
    }

    private static void createDatabase(String hostPort, String database) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(hostPort, ""), "root", "");
             var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS " + database
                    + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create " + database, e);
        }
    }

    private static String jdbcUrl(String hostPort, String database) {
        return "jdbc:mysql://" + hostPort + "/" + database
                + "?sslMode=DISABLED&allowPublicKeyRetrieval=true&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true";
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
        if (baseline != null) {
            baseline.stop();
        }
        if (stack != null) {
            stack.close();
        }
    }
}
