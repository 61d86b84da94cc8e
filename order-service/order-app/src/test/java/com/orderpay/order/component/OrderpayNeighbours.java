package com.orderpay.order.component;

import com.orderpay.devstack.FreePorts;
import com.orderpay.devstack.JavaProcess;
import com.orderpay.devstack.ProjectLayout;
import com.orderpay.devstack.SharedInfrastructure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * order-service's real neighbourhood, once per test JVM: the shared MariaDB, Redis and Seata TC, plus
 * inventory-service and wallet-service running from their repackaged jars as child JVMs on random ports (as
 * the local run starts them). order-service itself runs in the test JVM and finds them by name through the
 * static discovery list that {@link #orderServiceProperties()} gives it.
 */
public final class OrderpayNeighbours {

    private static final Logger log = LoggerFactory.getLogger(OrderpayNeighbours.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private static OrderpayNeighbours instance;

    private final SharedInfrastructure infrastructure;
    private final Sibling inventory;
    private final Sibling wallet;

    /** A sibling service: its process, port and database. */
    public record Sibling(String name, JavaProcess process, int port, String database) {

        public String baseUrl() {
            return "http://127.0.0.1:" + port;
        }

        void awaitReady() {
            process.awaitHttpReady(port, READY_TIMEOUT);
        }
    }

    private OrderpayNeighbours(SharedInfrastructure infrastructure, Sibling inventory, Sibling wallet) {
        this.infrastructure = infrastructure;
        this.inventory = inventory;
        this.wallet = wallet;
    }

    public static synchronized OrderpayNeighbours get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static OrderpayNeighbours start() {
        SharedInfrastructure infrastructure = SharedInfrastructure.get();
        ProjectLayout layout = ProjectLayout.detect();
        // Next to the test reports, so that a failed run leaves the siblings' logs to read.
        Path logs = layout.root().resolve("order-service/order-app/target/neighbour-logs");
        Sibling inventory = sibling(infrastructure, layout, logs, "inventory-service", "inventory_db");
        Sibling wallet = sibling(infrastructure, layout, logs, "wallet-service", "wallet_db");
        long started = System.nanoTime();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            wallet.process().stop();
            inventory.process().stop();
        }, "orderpay-neighbours-shutdown"));
        Map<Sibling, JavaProcess> both = new LinkedHashMap<>();
        both.put(inventory, inventory.process());
        both.put(wallet, wallet.process());
        JavaProcess.startAll(both, Sibling::awaitReady);
        log.info("inventory-service on {} and wallet-service on {} ready in {} s", inventory.baseUrl(),
                wallet.baseUrl(), (System.nanoTime() - started) / 1_000_000_000);
        return new OrderpayNeighbours(infrastructure, inventory, wallet);
    }

    private static Sibling sibling(SharedInfrastructure infrastructure, ProjectLayout layout, Path logs, String name,
            String database) {
        int port = FreePorts.pick();
        Map<String, String> props = new LinkedHashMap<>(infrastructure.springProperties(database));
        props.put("server.port", String.valueOf(port));
        props.put("server.address", "127.0.0.1");
        JavaProcess process = new JavaProcess(name, layout.serviceJar(name), List.of("-Xms64m", "-Xmx256m"), props,
                logs);
        return new Sibling(name, process, port, database);
    }

    /** Spring properties of the in-process order-service: its database, Redis, the TC and where its siblings are. */
    public Map<String, String> orderServiceProperties() {
        return orderServiceProperties("order_db");
    }

    /** The same for an order-service of its own on database {@code database} (created if need be). */
    public Map<String, String> orderServiceProperties(String database) {
        Map<String, String> props = new LinkedHashMap<>(infrastructure.springProperties(database));
        props.put("spring.cloud.discovery.client.simple.instances.inventory-service[0].uri", inventory.baseUrl());
        props.put("spring.cloud.discovery.client.simple.instances.wallet-service[0].uri", wallet.baseUrl());
        return props;
    }

    public Sibling inventory() {
        return inventory;
    }

    public Sibling wallet() {
        return wallet;
    }

    /** Stops a sibling gracefully: it answers nothing until {@link #restart(Sibling)}. */
    public void stop(Sibling sibling) {
        sibling.process().stop();
        log.info("{} stopped", sibling.name());
    }

    /** Starts a stopped sibling again, same port and settings, and waits until it is ready. */
    public void restart(Sibling sibling) {
        sibling.process().start();
        sibling.awaitReady();
        log.info("{} ready again on {}", sibling.name(), sibling.baseUrl());
    }

    /** A connection to a sibling's database, for read-only checks (never to arrange or repair anything). */
    public JdbcTemplate readOnlyDatabaseOf(Sibling sibling) {
        return readOnlyDatabase(sibling.database());
    }

    public JdbcTemplate readOnlyDatabase(String database) {
        // The session itself refuses writes: a check can never become a fixture by accident.
        DataSource dataSource = new DriverManagerDataSource(
                infrastructure.mariaDb().jdbcUrl(database) + "&sessionVariables=transaction_read_only=1",
                infrastructure.mariaDb().username(), infrastructure.mariaDb().password());
        return new JdbcTemplate(dataSource);
    }
}
