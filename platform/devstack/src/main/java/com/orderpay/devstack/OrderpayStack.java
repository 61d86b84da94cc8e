package com.orderpay.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system on loopback, as the local run starts it and as the end-to-end tests drive it: MariaDB, Redis
 * (embedded, or external when configured), the Seata TC, every service and the gateway, each its own lean JVM.
 */
public final class OrderpayStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OrderpayStack.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);

    /**
     * @param home          data, logs and the coordinator's store live here
     * @param fixedPorts    the local ports of {@link OrderpayService} (and 8091 TC) instead of random ones
     * @param services      which JVMs to start
     * @param internalToken the shared credential of the internal hop
     * @param extra         more -D properties per service (e.g. a short payment timeout in tests)
     * @param external      an already running MariaDB/Redis instead of the embedded ones, or null
     */
    public record Settings(Path home, boolean fixedPorts, Set<OrderpayService> services, String internalToken,
                           Map<OrderpayService, Map<String, String>> extra, ExternalServers external,
                           boolean delayableLinks) {

        public Settings(Path home, boolean fixedPorts, Set<OrderpayService> services, String internalToken,
                Map<OrderpayService, Map<String, String>> extra, ExternalServers external) {
            this(home, fixedPorts, services, internalToken, extra, external, false);
        }

        /**
         * The same, with order-service reaching inventory-service and wallet-service through a {@link DelayingProxy}
         * each (see {@link OrderpayStack#link}), to play a slow network between the TM and its participants.
         */
        public Settings withDelayableLinks() {
            return new Settings(home, fixedPorts, services, internalToken, extra, external, true);
        }
    }

    /** MariaDB/MySQL and Redis that already run; null fields mean "start the embedded one". */
    public record ExternalServers(String mariaDbHostPort, String dbUsername, String dbPassword, String redisHostPort) {

        public static ExternalServers fromEnvironment() {
            return new ExternalServers(System.getenv("ORDERPAY_EXTERNAL_MARIADB"),
                    System.getenv().getOrDefault("ORDERPAY_DB_USERNAME", "root"),
                    System.getenv().getOrDefault("ORDERPAY_DB_PASSWORD", ""),
                    System.getenv("ORDERPAY_EXTERNAL_REDIS"));
        }
    }

    private final Settings settings;
    private final ProjectLayout layout;
    private volatile EmbeddedMariaDb mariaDb;
    private EmbeddedRedis redis;
    private SeataCoordinator coordinator;
    private String dbHostPort;
    private String redisHost;
    private int redisPort;
    private final Map<OrderpayService, Integer> ports = new EnumMap<>(OrderpayService.class);
    private final Map<OrderpayService, JavaProcess> processes = new EnumMap<>(OrderpayService.class);
    private final Map<OrderpayService, DelayingProxy> links = new EnumMap<>(OrderpayService.class);
    private PartRestarts restarts;
    private volatile boolean closing;

    private OrderpayStack(Settings settings, ProjectLayout layout) {
        this.settings = settings;
        this.layout = layout;
    }

    public static OrderpayStack start(Settings settings) {
        OrderpayStack stack = new OrderpayStack(settings, ProjectLayout.detect());
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startAll() {
        long started = System.nanoTime();
        ExternalServers external = settings.external();
        if (external != null && external.mariaDbHostPort() != null) {
            dbHostPort = external.mariaDbHostPort();
        } else {
            mariaDb = EmbeddedMariaDb.start(settings.home().resolve("mariadb").toFile(), settings.fixedPorts() ? 3306 : 0);
            dbHostPort = "127.0.0.1:" + mariaDb.port();
        }
        if (external != null && external.redisHostPort() != null) {
            String[] hostPort = external.redisHostPort().split(":");
            redisHost = hostPort[0];
            redisPort = Integer.parseInt(hostPort[1]);
        } else {
            redis = EmbeddedRedis.start(settings.fixedPorts() ? 6379 : 0);
            redisHost = "127.0.0.1";
            redisPort = redis.port();
        }
        coordinator = SeataCoordinator.start(layout.seataServerJar(), settings.home().resolve("seata"),
                settings.fixedPorts() ? 8091 : 0);
        for (OrderpayService service : settings.services()) {
            ports.put(service, settings.fixedPorts() ? service.localPort() : FreePorts.pick());
            if (service.database() != null) {
                createDatabase(service.database());
            }
        }
        if (settings.delayableLinks()) {
            for (OrderpayService participant : List.of(OrderpayService.INVENTORY, OrderpayService.WALLET)) {
                DelayingProxy link = DelayingProxy.listen("order-to-" + participant.serviceName(), 0);
                link.target(ports.get(participant));
                links.put(participant, link);
            }
        }
        for (OrderpayService service : settings.services()) {
            processes.put(service, newProcess(service));
        }
        JavaProcess.startAll(processes, this::awaitReady);
        log.info("orderpay stack ready in {} s", (System.nanoTime() - started) / 1_000_000_000);
    }

    private void createDatabase(String database) {
        if (mariaDb != null) {
            mariaDb.createDatabase(database);
            return;
        }
        try (var connection = java.sql.DriverManager.getConnection(jdbcUrl(""), settings.external().dbUsername(),
                settings.external().dbPassword()); var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS " + database + " CHARACTER SET utf8mb4");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot create " + database + " on " + dbHostPort, e);
        }
    }

    private String jdbcUrl(String database) {
        return "jdbc:mysql://" + dbHostPort + "/" + database
                + "?sslMode=DISABLED&allowPublicKeyRetrieval=true&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true";
    }

    private JavaProcess newProcess(OrderpayService service) {
        Map<String, String> props = new LinkedHashMap<>();
        // The local profile (development defaults, dev tokens) is never a default: the run asks for it, unless the
        // caller chose profiles of its own.
        if (System.getenv("SPRING_PROFILES_ACTIVE") == null) {
            props.put("spring.profiles.active", "local");
        }
        props.put("server.port", String.valueOf(ports.get(service)));
        props.put("server.address", "127.0.0.1");
        props.put("orderpay.identity.internal-token", settings.internalToken());
        props.put("spring.data.redis.host", redisHost);
        props.put("spring.data.redis.port", String.valueOf(redisPort));
        if (service != OrderpayService.GATEWAY) {
            props.put("seata.service.grouplist.default", coordinator.address());
        }
        if (service.database() != null) {
            props.put("spring.datasource.url", jdbcUrl(service.database()));
            props.put("spring.datasource.username", mariaDb != null ? mariaDb.username() : settings.external().dbUsername());
            props.put("spring.datasource.password", mariaDb != null ? mariaDb.password() : settings.external().dbPassword());
        }
        // Static discovery: every JVM knows where its siblings are.
        for (OrderpayService sibling : settings.services()) {
            if (sibling != OrderpayService.GATEWAY && sibling != service) {
                props.put("spring.cloud.discovery.client.simple.instances." + sibling.serviceName() + "[0].uri",
                        "http://127.0.0.1:" + ports.get(sibling));
            }
        }
        if (service == OrderpayService.ORDER) {
            links.forEach((participant, link) -> props.put("spring.cloud.discovery.client.simple.instances."
                    + participant.serviceName() + "[0].uri", "http://127.0.0.1:" + link.port()));
        }
        props.putAll(settings.extra().getOrDefault(service, Map.of()));
        return new JavaProcess(service.serviceName(), service.jar(layout), service.memory(), props,
                settings.home().resolve("logs"));
    }

    private void awaitReady(OrderpayService service) {
        processes.get(service).awaitHttpReady(ports.get(service), READY_TIMEOUT);
        log.info("{} ready on http://127.0.0.1:{}", service.serviceName(), ports.get(service));
    }

    /** The JVMs this stack runs. */
    public Set<OrderpayService> services() {
        return settings.services();
    }

    public int port(OrderpayService service) {
        return ports.get(service);
    }

    public String baseUrl(OrderpayService service) {
        return "http://127.0.0.1:" + port(service);
    }

    public SeataCoordinator coordinator() {
        return coordinator;
    }

    // ---- supervision: what the local run does when a part dies ----------------------------------------------------

    /**
     * From now on every part that exits by itself (a service, the gateway, the coordinator, Redis, MariaDB; a crash
     * or an outside {@code kill}) is started again on its port and data after {@code delay}, backing off while it
     * fails to come back; see {@link PartRestarts}. Parts stopped or killed through this stack are not restarted.
     *
     * @return closing it ends the supervision ({@link #close()} does too)
     */
    public synchronized AutoCloseable restartPartsThatExit(Duration delay) {
        return superviseParts(parts -> PartRestarts.watch(parts, delay));
    }

    /**
     * From now on every part that exits by itself is logged (at ERROR, once) and left down, for a run that keeps dead
     * parts down; the parts the stack stops or kills itself are not reported.
     *
     * @return closing it ends the watch ({@link #close()} does too)
     */
    public synchronized AutoCloseable reportPartsThatExit() {
        return superviseParts(PartRestarts::reportOnly);
    }

    private AutoCloseable superviseParts(Function<List<PartRestarts.Part>, PartRestarts> supervision) {
        if (restarts != null) {
            throw new IllegalStateException("Parts are supervised already");
        }
        List<PartRestarts.Part> parts = new ArrayList<>();
        if (mariaDb != null) {
            parts.add(part("MariaDB", mariaDb.port(), () -> mariaDb.exitedByItself() ? Optional.of("its server process is gone")
                    : Optional.empty(), () -> mariaDb = mariaDb.startAgain(), () -> { }));
        }
        if (redis != null) {
            parts.add(part("Redis", redis.port(), () -> redis.exitedByItself() ? Optional.of("its server process is gone")
                    : Optional.empty(), redis::start, () -> { }));
        }
        JavaProcess tc = coordinator.process();
        parts.add(part("seata-server (TC)", coordinator.rpcPort(), () -> exitCode(tc), tc::start,
                () -> tc.awaitReady(READY_TIMEOUT, () -> FreePorts.listening(coordinator.rpcPort()))));
        for (OrderpayService service : processes.keySet()) {
            parts.add(part(service.serviceName(), ports.get(service), () -> exitCode(processes.get(service)),
                    processes.get(service)::start, () -> awaitReady(service)));
        }
        PartRestarts started = supervision.apply(parts);
        restarts = started;
        return () -> {
            started.close();
            synchronized (this) {
                restarts = null;
            }
        };
    }

    private static Optional<String> exitCode(JavaProcess process) {
        java.util.OptionalInt code = process.exitedByItself();
        return code.isPresent() ? Optional.of("exit code " + code.getAsInt()) : Optional.empty();
    }

    /**
     * A part whose start is refused once the stack is closing, so that nothing is started behind {@link #close()}:
     * {@code spawn} runs under the stack's lock, which {@code close()} takes first; {@code awaitReady} outside it.
     */
    private PartRestarts.Part part(String name, int port, Supplier<Optional<String>> exited, Runnable spawn,
            Runnable awaitReady) {
        return new PartRestarts.Part() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int port() {
                return port;
            }

            @Override
            public Optional<String> exited() {
                return closing ? Optional.empty() : exited.get();
            }

            @Override
            public void startAgain() {
                synchronized (OrderpayStack.this) {
                    if (closing) {
                        throw new IllegalStateException("the stack is closing");
                    }
                    spawn.run();
                }
                awaitReady.run();
            }
        };
    }

    // ---- faults: what the fault suite does to the parts ----------------------------------------------------------

    /** SIGKILL of a service: no shutdown, in-flight requests and transactions cut short. */
    public void kill(OrderpayService service) {
        processes.get(service).kill();
        log.warn("{} killed", service.serviceName());
    }

    /**
     * SIGTERM of a service, as a deploy or a node drain does: its graceful shutdown (in-flight requests finished, new
     * ones refused) runs to its end, at most 30 s.
     */
    public void stop(OrderpayService service) {
        processes.get(service).stop();
        log.warn("{} stopped (SIGTERM)", service.serviceName());
    }

    /** Starts a stopped or killed service again, same port and settings, and waits until it is ready. */
    public void restart(OrderpayService service) {
        processes.get(service).start();
        awaitReady(service);
    }

    /** SIGSTOP: the process hangs with its sockets open, as in a long GC pause or a stuck host. */
    public void freeze(OrderpayService service) {
        processes.get(service).suspend();
        log.warn("{} frozen", service.serviceName());
    }

    public void thaw(OrderpayService service) {
        processes.get(service).resume();
        log.warn("{} thawed", service.serviceName());
    }

    /** The link from order-service to a participant (stacks started {@link Settings#withDelayableLinks()}). */
    public DelayingProxy link(OrderpayService participant) {
        DelayingProxy link = links.get(participant);
        if (link == null) {
            throw new IllegalStateException("No delayable link to " + participant + ": start the stack withDelayableLinks()");
        }
        return link;
    }

    /** SIGKILL of the coordinator, then a start on the same port and store after {@code down}. */
    public void killAndRestartCoordinator(Duration down) {
        coordinator.process().kill();
        log.warn("Seata TC killed");
        JavaProcess.sleep(down.toMillis());
        coordinator.process().start();
        coordinator.process().awaitReady(READY_TIMEOUT, () -> FreePorts.listening(coordinator.rpcPort()));
    }

    /** SIGKILL of Redis (it keeps nothing), then a start on the same port after {@code down}. */
    public void killAndRestartRedis(Duration down) {
        if (redis == null) {
            throw new IllegalStateException("Redis is external here");
        }
        redis.kill();
        log.warn("Redis killed");
        JavaProcess.sleep(down.toMillis());
        redis.start();
    }

    /** SIGKILL of MariaDB, then a start on the same port and data after {@code down} (InnoDB recovers). */
    public void killAndRestartDatabase(Duration down) {
        if (mariaDb == null) {
            throw new IllegalStateException("MariaDB is external here");
        }
        mariaDb = mariaDb.killAndRestart(down);
    }

    public String dbHostPort() {
        return dbHostPort;
    }

    public String redisHostPort() {
        return redisHost + ":" + redisPort;
    }

    @Override
    public void close() {
        PartRestarts supervision;
        synchronized (this) {
            closing = true;
            supervision = restarts;
        }
        if (supervision != null) {
            supervision.close();
        }
        links.values().forEach(DelayingProxy::close);
        List<OrderpayService> reverse = new ArrayList<>(processes.keySet());
        java.util.Collections.reverse(reverse);
        for (OrderpayService service : reverse) {
            processes.get(service).stop();
        }
        if (coordinator != null) {
            coordinator.close();
        }
        if (redis != null) {
            redis.close();
        }
        if (mariaDb != null) {
            mariaDb.close();
        }
    }
}
