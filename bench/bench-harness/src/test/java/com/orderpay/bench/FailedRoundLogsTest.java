package com.orderpay.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed round's system home is deleted like any other: its processes' logs are copied out first. */
class FailedRoundLogsTest {

    @Test
    void keepsTheServicesAndTheCoordinatorsLogsAndLeavesTheDatabaseBehind(@TempDir Path home, @TempDir Path out)
            throws Exception {
        write(home.resolve("logs/order-service.log"), "order-service started");
        write(home.resolve("seata/logs/seata-server.1.error.log"), "coordinator error");
        write(home.resolve("mariadb/data/tc.log"), "binary");
        write(home.resolve("mariadb/data/ibdata1"), "data");

        Path kept = out.resolve("failed-round1-after");
        Bench.keepLogs(home, kept);

        assertThat(kept.resolve("logs/order-service.log")).hasContent("order-service started");
        assertThat(kept.resolve("seata/logs/seata-server.1.error.log")).hasContent("coordinator error");
        assertThat(kept.resolve("mariadb")).doesNotExist();
    }

    private static void write(Path file, String content) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
