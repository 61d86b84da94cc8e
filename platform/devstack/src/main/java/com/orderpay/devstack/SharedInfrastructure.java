package com.orderpay.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real MariaDB, one real Redis and one real Seata TC per test JVM, on random ports, started on first use and
 * stopped when the JVM exits. Each service's tests get their own database in the shared server.
 */
public final class SharedInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(SharedInfrastructure.class);
    /** Every service and the gateway share it; tests use this value, clusters take theirs from a Secret. */
    public static final String INTERNAL_TOKEN = "test-internal-token";

    private static SharedInfrastructure instance;

    private final Path home;
    private final EmbeddedMariaDb mariaDb;
    private final EmbeddedRedis redis;
    private final SeataCoordinator coordinator;

    private SharedInfrastructure(Path home, EmbeddedMariaDb mariaDb, EmbeddedRedis redis, SeataCoordinator coordinator) {
        this.home = home;
        this.mariaDb = mariaDb;
        this.redis = redis;
        this.coordinator = coordinator;
    }

    public static synchronized SharedInfrastructure get() {
        if (instance == null) {
            instance = startAll();
        }
        return instance;
    }

    private static SharedInfrastructure startAll() {
        ProjectLayout layout = ProjectLayout.detect();
        EmbeddedMariaDb mariaDb = null;
        EmbeddedRedis redis = null;
        try {
            Path home = Files.createTempDirectory("orderpay-test-");
            mariaDb = EmbeddedMariaDb.start(home.resolve("mariadb").toFile(), 0);
            redis = EmbeddedRedis.start(0);
            // db store, as in clusters: every component test exercises the coordinator the way it runs there.
            mariaDb.createDatabase("seata_db");
            SeataCoordinator coordinator = SeataCoordinator.start(layout.seataServerJar(), home.resolve("seata"), 0,
                    new SeataCoordinator.DbStore(mariaDb.jdbcUrl("seata_db"), mariaDb.username(), mariaDb.password()));
            SharedInfrastructure infra = new SharedInfrastructure(home, mariaDb, redis, coordinator);
            Runtime.getRuntime().addShutdownHook(new Thread(infra::stopAll, "orderpay-infra-shutdown"));
            log.info("Test infrastructure in {}: MariaDB {}, Redis {}, Seata TC {}", home, mariaDb.port(), redis.port(),
                    coordinator.address());
            return infra;
        } catch (Exception | Error e) {
            // A half-started set would leave child processes behind.
            if (redis != null) {
                redis.close();
            }
            if (mariaDb != null) {
                mariaDb.close();
            }
            throw new IllegalStateException("Test infrastructure did not start", e);
        }
    }

    private void stopAll() {
        coordinator.close();
        redis.close();
        mariaDb.close();
        deleteQuietly(home);
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (java.io.IOException | RuntimeException e) {
            log.debug("Could not delete {}", dir, e);
        }
    }

    public Path home() {
        return home;
    }

    public EmbeddedMariaDb mariaDb() {
        return mariaDb;
    }

    public EmbeddedRedis redis() {
        return redis;
    }

    public SeataCoordinator coordinator() {
        return coordinator;
    }

    /**
     * The Spring properties that point a service at this infrastructure, its database created.
     *
     * @param database e.g. {@code inventory_db}
     */
    public Map<String, String> springProperties(String database) {
        mariaDb.createDatabase(database);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("spring.datasource.url", mariaDb.jdbcUrl(database));
        props.put("spring.datasource.username", mariaDb.username());
        props.put("spring.datasource.password", mariaDb.password());
        props.put("spring.data.redis.host", "127.0.0.1");
        props.put("spring.data.redis.port", String.valueOf(redis.port()));
        props.put("seata.service.grouplist.default", coordinator.address());
        props.put("orderpay.identity.internal-token", INTERNAL_TOKEN);
        return props;
    }
}
