package com.orderpay.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher starts a Spring Boot jar from its extraction with a class-data archive that one training run made
 * (see {@link SharedClassArchive}), with a real service jar (the gateway's, copied so that its cache starts empty):
 * the first start trains, the running JVM maps the archive, a second start reuses it, a rebuilt jar throws the stale
 * archive away instead of handing it to a JVM. (The coordinator's Spring Boot 2 jar, unpacked and trained until it
 * listens: {@code SharedInfrastructureTest}.)
 */
class ClassDataSharingTest {

    @Test
    void aServiceJarIsTrainedOnceAndStartsFromItsArchive(@TempDir Path dir) throws Exception {
        Path jar = Files.copy(ProjectLayout.detect().root().resolve("gateway/target/gateway.jar"), dir.resolve("gateway.jar"));
        SharedClassArchive cache = SharedClassArchive.ofBootJar(jar);
        try (EmbeddedRedis redis = EmbeddedRedis.start(0)) {
            int port = FreePorts.pick();
            JavaProcess gateway = gateway(jar, port, redis, dir.resolve("logs"));
            try {
                gateway.start();
                gateway.awaitHttpReady(port, Duration.ofSeconds(120));
                assertThat(cache.archive()).as("made by the first start's training run").isNotEmptyFile();
                assertThat(SharedClassArchive.mappedBytes(gateway.pid())).as("classes the running gateway maps from its archive")
                        .isGreaterThan(10L << 20);
                Instant trained = Files.getLastModifiedTime(cache.archive()).toInstant();

                gateway.stop();
                gateway.start();
                gateway.awaitHttpReady(port, Duration.ofSeconds(120));
                assertThat(Files.getLastModifiedTime(cache.archive()).toInstant()).as("not trained again")
                        .isEqualTo(trained);
                assertThat(SharedClassArchive.mappedBytes(gateway.pid())).isGreaterThan(10L << 20);
            } finally {
                gateway.stop();
            }
        }

        // Rebuilt: the archive describes classes that are no longer there, so it goes with the old extraction.
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
        cache.prepareIfStale();
        assertThat(cache.archive()).doesNotExist();
        assertThat(cache.cache().resolve("app").resolve("gateway.jar")).isRegularFile();
        assertThat(Files.readString(cache.cache().resolve("stamp"), StandardCharsets.UTF_8)).isEqualTo(cache.stamp());
    }

    private static JavaProcess gateway(Path jar, int port, EmbeddedRedis redis, Path logs) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("spring.profiles.active", "local");
        props.put("server.port", String.valueOf(port));
        props.put("server.address", "127.0.0.1");
        props.put("orderpay.identity.internal-token", "cds-test-token");
        props.put("spring.data.redis.host", "127.0.0.1");
        props.put("spring.data.redis.port", String.valueOf(redis.port()));
        return new JavaProcess("gateway", jar, OrderpayService.GATEWAY.memory(), props, logs);
    }
}
