package com.orderpay.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

class SharedInfrastructureTest {

    @Test
    void startsRealMariaDbRedisAndCoordinatorOnLoopback() throws Exception {
        SharedInfrastructure infra = SharedInfrastructure.get();
        var props = infra.springProperties("probe_db");

        try (Connection c = DriverManager.getConnection(props.get("spring.datasource.url"), "root", "");
             ResultSet rs = c.createStatement().executeQuery("SELECT VERSION()")) {
            rs.next();
            assertThat(rs.getString(1)).contains("MariaDB");
        }
        assertThat(FreePorts.listening(infra.redis().port())).isTrue();
        assertThat(FreePorts.listening(infra.coordinator().rpcPort())).isTrue();
    }

    @Test
    void coordinatorKeepsItsSessionsInTheDatabaseAsInClusters() throws Exception {
        SharedInfrastructure infra = SharedInfrastructure.get();
        try (Connection c = DriverManager.getConnection(infra.mariaDb().jdbcUrl("seata_db"), "root", "");
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT COUNT(*) FROM distributed_lock WHERE lock_key IN "
                             + "('AsyncCommitting','RetryCommitting','RetryRollbacking','TxTimeoutCheck')")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(4);
        }
        assertThat(infra.coordinator().process().tail(400)).doesNotContain("store mode: file");
    }

    @Test
    void theCoordinatorStartsUnpackedWithAClassDataArchiveTrainedUntilItListened() throws Exception {
        SharedInfrastructure infra = SharedInfrastructure.get();
        // Its jar is Spring Boot 2: no jar mode to extract it and no exit after the refresh, so the launcher unpacks
        // it and stops its training run once it listens.
        SharedClassArchive archive = SharedClassArchive.ofBootJar(ProjectLayout.detect().seataServerJar());
        assertThat(archive.archive()).isNotEmptyFile();
        assertThat(archive.cache().resolve("app").resolve("classes.jar")).isNotEmptyFile();
        assertThat(SharedClassArchive.mappedBytes(infra.coordinator().process().pid())).isGreaterThan(10L << 20);
    }

    @Test
    void redisCanBeStoppedAndStartedAgainOnItsPort() {
        EmbeddedRedis redis = SharedInfrastructure.get().redis();
        redis.stop();
        assertThat(FreePorts.listening(redis.port())).isFalse();
        redis.start();
        assertThat(FreePorts.listening(redis.port())).isTrue();
    }
}
