package com.orderpay.compensation.component;

import com.orderpay.devstack.ChildServices.Child;
import com.orderpay.devstack.ChildServices;
import com.orderpay.devstack.OrderpayService;
import com.orderpay.devstack.ProjectLayout;
import com.orderpay.devstack.SharedInfrastructure;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * compensation-service's real neighbourhood, once per test JVM: the shared MariaDB, Redis and TC (db store), and
 * order-service, inventory-service and wallet-service from their jars as child JVMs. compensation-service runs in the
 * test JVM and reaches them by static discovery. Databases are reached directly only to set up a case (a test-only
 * write) or to check one read-only; reconciliation itself goes through the services' APIs.
 */
final class Neighbours {

    private static ChildServices children;

    private Neighbours() {
    }

    static synchronized ChildServices get() {
        if (children == null) {
            children = ChildServices.start(List.of(OrderpayService.INVENTORY, OrderpayService.WALLET,
                            OrderpayService.ORDER),
                    Map.of(),
                    ProjectLayout.detect().root().resolve("compensation-service/compensation-app/target/neighbour-logs"));
        }
        return children;
    }

    /**
     * compensation-service's settings against this neighbourhood: its database, the three services by static
     * discovery, runs on demand only, alerts evaluated when a test says so.
     */
    static void register(org.springframework.test.context.DynamicPropertyRegistry registry, String grace) {
        get();
        SharedInfrastructure.get().springProperties("compensation_db").forEach((k, v) -> registry.add(k, () -> v));
        for (Child child : List.of(order(), inventory(), wallet())) {
            registry.add("spring.cloud.discovery.client.simple.instances." + child.service().serviceName() + "[0].uri",
                    child::baseUrl);
        }
        registry.add("orderpay.reconciliation.grace", () -> grace);
        registry.add("orderpay.reconciliation.schedule-enabled", () -> "false");
        registry.add("orderpay.alerts.evaluation-interval", () -> "PT1H");
    }

    static Child order() {
        return get().get(OrderpayService.ORDER);
    }

    static Child inventory() {
        return get().get(OrderpayService.INVENTORY);
    }

    static Child wallet() {
        return get().get(OrderpayService.WALLET);
    }

    /** A connection to set a case up: the test-only path that writes what no API would. */
    static JdbcTemplate writableDatabase(String database) {
        SharedInfrastructure infrastructure = SharedInfrastructure.get();
        return new JdbcTemplate(new DriverManagerDataSource(infrastructure.mariaDb().jdbcUrl(database),
                infrastructure.mariaDb().username(), infrastructure.mariaDb().password()));
    }

    /** A connection for checks only: the session refuses writes. */
    static JdbcTemplate readOnlyDatabase(String database) {
        SharedInfrastructure infrastructure = SharedInfrastructure.get();
        DataSource dataSource = new DriverManagerDataSource(
                infrastructure.mariaDb().jdbcUrl(database) + "&sessionVariables=transaction_read_only=1",
                infrastructure.mariaDb().username(), infrastructure.mariaDb().password());
        return new JdbcTemplate(dataSource);
    }
}
