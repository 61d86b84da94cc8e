package com.orderpay.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.orderpay.devstack.CoordinatorSessions;
import com.orderpay.devstack.EmbeddedMariaDb;
import com.orderpay.devstack.FreePorts;
import com.orderpay.devstack.ProjectLayout;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The coordinator as the prod overlay configures it: its init container's schema migration, then the TC started
 * from the ConfigMap's application.yml (mounted and found as in the Deployment) on a real MariaDB. Only what has no
 * server here is overridden: Nacos (the registry falls back to file) and the ports.
 */
class ProductionCoordinatorTest {

    private static final Path HOME = Path.of("target/production-coordinator").toAbsolutePath();
    /** A user and password as in clusters; the test server checks no grants, so it takes any. */
    private static final String STORE_PASSWORD = "store-password-of-this-test";
    private static EmbeddedMariaDb mariaDb;
    private static Process coordinator;
    private static Map<String, Object> settings;
    /** The overlay's store URL, its parameters as production has them (timeouts included). */
    private static String storeUrl;
    private static int rpcPort;
    private static int metricsPort;

    @BeforeAll
    static void startTheCoordinatorFromTheProdOverlay() throws Exception {
        Files.createDirectories(HOME.resolve("config"));
        Map<String, Object> configMap = DeploymentRulesTest.named(
                Manifests.ofKind(Manifests.render("overlays/prod"), "ConfigMap"), "seata-server");
        String applicationYml = (String) Kustomize.map(configMap.get("data")).get("application.yml");
        Files.writeString(HOME.resolve("config/application.yml"), applicationYml);
        settings = new Yaml().load(applicationYml);
        storeUrl = (String) Kustomize.map(configMap.get("data")).get("SEATA_STORE_DB_URL");

        mariaDb = EmbeddedMariaDb.start(HOME.resolve("mariadb").toFile(), 0);
        mariaDb.createDatabase("seata");
        Path jar = ProjectLayout.detect().seataServerJar();

        // The init container: the TC image's own StoreSchemaMigration.
        Process migration = java(jar, List.of("-Dloader.main=com.orderpay.seata.StoreSchemaMigration", "-cp",
                jar.toString(), "org.springframework.boot.loader.PropertiesLauncher"), Map.of(), "migration.log");
        assertThat(migration.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(migration.exitValue()).as(Files.readString(HOME.resolve("migration.log"))).isZero();

        rpcPort = FreePorts.pick();
        metricsPort = FreePorts.pick();
        coordinator = java(jar, List.of("-Duser.home=" + HOME, "-jar", jar.toString()), Map.of(
                "SPRING_CONFIG_IMPORT", "file:" + HOME.resolve("config/application.yml"),
                "SEATA_REGISTRY_TYPE", "file",
                "SERVER_PORT", String.valueOf(FreePorts.pick()),
                "SEATA_SERVER_SERVICE_PORT", String.valueOf(rpcPort),
                "SEATA_METRICS_EXPORTER_PROMETHEUS_PORT", String.valueOf(metricsPort),
                "LOGGING_FILE_PATH", HOME.resolve("logs").toString(),
                "NACOS_SERVER_ADDR", "127.0.0.1:1",
                "SEATA_CONSOLE_PASSWORD", "test-console-password",
                "SEATA_SECURITY_SECRET_KEY", "dGVzdC1vbmx5LWtleS1mb3ItdGhlLWNvb3JkaW5hdG9yLWNvbnNvbGU="), "seata-server.log");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(coordinator.isAlive()).as(Files.readString(HOME.resolve("seata-server.log"))).isTrue();
            return FreePorts.listening(rpcPort);
        });
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (coordinator != null) {
            coordinator.destroy();
            coordinator.waitFor(30, TimeUnit.SECONDS);
        }
        if (mariaDb != null) {
            mariaDb.close();
        }
    }

    @Test
    void theStoreIsTheDatabaseItsSchemaMigratedByTheInitContainer() throws Exception {
        try (Connection db = DriverManager.getConnection(mariaDb.jdbcUrl("seata"), "seata", STORE_PASSWORD)) {
            assertThat(count(db, "SELECT COUNT(*) FROM seata_store_schema_history WHERE success = 1")).isEqualTo(1);
            // In db mode every replica takes the recovery jobs' locks in distributed_lock before it runs them: each
            // job writes its row to take the lock and again to give it back milliseconds later (too briefly to catch
            // the taken value reliably), so the table keeps being written, every second, while the coordinator runs.
            java.sql.Timestamp since;
            try (ResultSet now = db.createStatement().executeQuery("SELECT NOW()")) {
                now.next();
                since = now.getTimestamp(1);
            }
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                try (var written = db.prepareStatement("SELECT COUNT(*) FROM information_schema.TABLES "
                        + "WHERE TABLE_SCHEMA = 'seata' AND TABLE_NAME = 'distributed_lock' AND UPDATE_TIME > ?")) {
                    written.setTimestamp(1, since);
                    try (ResultSet rows = written.executeQuery()) {
                        rows.next();
                        assertThat(rows.getLong(1)).as("distributed_lock written since " + since).isEqualTo(1);
                    }
                }
            });
        }
    }

    /** A session left Committing by a phase two cut short is finished 30 s after its begin, not Seata's 130 s. */
    @Test
    void aSessionLeftCommittingIsFinishedOnceItIsThirtySecondsOld() throws Exception {
        try (Connection db = DriverManager.getConnection(mariaDb.jdbcUrl("seata"), "seata", STORE_PASSWORD)) {
            // Began 25 s ago: retried about 5 s from now with the 30 s threshold, 105 s with Seata's default.
            String xid = CoordinatorSessions.leftCommitting(db, Duration.ofSeconds(25));
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                    .until(() -> !CoordinatorSessions.held(db, xid));
        }
    }

    @Test
    void aSilentStoreFailsAStatementWithinSecondsRatherThanHoldingTheCoordinator() {
        assertThat(storeUrl).contains("//seata-db:3306/seata?").contains("&socketTimeout=10000")
                .contains("&connectTimeout=5000");
    }

    @Test
    void phaseTwoIsRetriedEverySecondUntilItLandsAndTheCoordinatorRegistersInNacos() {
        Map<String, Object> seata = Kustomize.map(settings.get("seata"));
        Map<String, Object> server = Kustomize.map(seata.get("server"));
        assertThat(server).containsEntry("max-commit-retry-timeout", -1).containsEntry("max-rollback-retry-timeout", -1);
        assertThat(Kustomize.map(server.get("recovery"))).containsEntry("committing-retry-period", 1000)
                .containsEntry("rollbacking-retry-period", 1000);
        Map<String, Object> registry = Kustomize.map(seata.get("registry"));
        assertThat(registry).containsEntry("type", "nacos");
        // The services' transaction group maps to this cluster of this application in Nacos.
        assertThat(Kustomize.map(registry.get("nacos"))).containsEntry("application", "seata-server")
                .containsEntry("cluster", "default").containsEntry("group", "SEATA_GROUP");
    }

    @Test
    void itsPrometheusExporterAnswersSoThatTheUnreachableAlertSeesItUp() throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());

        // Empty until the first global transaction: the meters (seata_transaction...) appear with it.
        assertThat(metrics.statusCode()).isEqualTo(200);
    }

    private static long count(Connection db, String sql) throws java.sql.SQLException {
        try (ResultSet rows = db.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Process java(Path jar, List<String> arguments, Map<String, String> environment, String log)
            throws java.io.IOException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx192m"));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(HOME.toFile()).redirectErrorStream(true)
                .redirectOutput(HOME.resolve(log).toFile());
        builder.environment().putAll(environment);
        // The overlay's URL, only the host pointed at the test's MariaDB.
        builder.environment().put("SEATA_STORE_DB_URL", storeUrl.replace("//seata-db:3306/",
                "//127.0.0.1:" + mariaDb.port() + "/"));
        builder.environment().put("SEATA_STORE_DB_USER", "seata");
        builder.environment().put("SEATA_STORE_DB_PASSWORD", STORE_PASSWORD);
        return builder.start();
    }
}
