package com.orderpay.gateway.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway's image, as Jib built it to target/jib-image.tar in this build: its configuration, and the
 * gateway started from its layers alone (unpacked, chroot, a fresh PID and mount namespace with its own /proc,
 * the image's user, entrypoint and environment), as a container runtime would start it.
 */
class GatewayImageIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path TARBALL = Path.of("target/jib-image.tar");
    private static final Path WORK = Path.of("target/image-it");
    private static final Path ROOTFS = WORK.resolve("rootfs");

    private static JsonNode config;

    @BeforeAll
    static void unpackTheImage() throws Exception {
        assertThat(TARBALL).as("jib:buildTar ran in this build").isRegularFile();
        deleteRecursively(WORK);
        Path image = Files.createDirectories(WORK.resolve("image"));
        run(List.of("tar", "-xf", TARBALL.toString(), "-C", image.toString()));
        JsonNode manifest = JSON.readTree(image.resolve("manifest.json").toFile()).get(0);
        config = JSON.readTree(image.resolve(manifest.get("Config").asText()).toFile()).get("config");
        Files.createDirectories(ROOTFS);
        for (JsonNode layer : manifest.get("Layers")) {
            run(List.of("tar", "-xzf", image.resolve(layer.asText()).toString(), "-C", ROOTFS.toString()));
        }
        // What the kubelet provides to every container: /proc, and the name resolution files.
        Files.createDirectories(ROOTFS.resolve("proc"));
        Files.createDirectories(ROOTFS.resolve("etc"));
        for (String file : List.of("hosts", "resolv.conf")) {
            Files.copy(Path.of("/etc", file), ROOTFS.resolve("etc").resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void theImageRunsAsANonRootUserWithProductionJvmFlags() {
        assertThat(config.get("User").asText()).isEqualTo("65532:65532");
        List<String> entrypoint = strings(config.get("Entrypoint"));
        assertThat(entrypoint).contains("-XX:MaxRAMPercentage=75.0", "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError")
                .doesNotContain("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
                .endsWith("com.orderpay.gateway.GatewayApplication");
        assertThat(config.get("ExposedPorts").has("8080/tcp")).isTrue();
    }

    @Test
    void theJvmInTheImageCompilesWithC2AndCollectsWithG1() throws Exception {
        assumeRoot();
        List<String> command = new ArrayList<>(jvmPart(strings(config.get("Entrypoint"))));
        command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));

        String flags = run(inImage(command));

        assertThat(flags).containsPattern("bool UseG1GC\\s+= true").containsPattern("bool TieredCompilation\\s+= true")
                .containsPattern("intx TieredStopAtLevel\\s+= 4").containsPattern("double MaxRAMPercentage\\s+= 75");
    }

    @Test
    void thePreStopHooksSleepIsInTheImage() throws Exception {
        assumeRoot();
        run(inImage(List.of("sleep", "0")));
    }

    @Test
    void theGatewayStartsFromTheImageAndStopsGracefullyOnSigterm() throws Exception {
        assumeRoot();
        int port = freePort();
        ProcessBuilder builder = inImage(strings(config.get("Entrypoint"))).redirectErrorStream(true)
                .redirectOutput(WORK.resolve("gateway.log").toFile());
        // Started standalone: the local profile's defaults, no Redis (rate limiting fails open), loopback only.
        builder.environment().putAll(Map.of("PORT", String.valueOf(port), "SERVER_ADDRESS", "127.0.0.1",
                "SPRING_PROFILES_ACTIVE", "local", "ORDERPAY_REDIS_PORT", String.valueOf(freePort())));
        Process container = builder.start();
        try {
            awaitLive(container, port);
            ProcessHandle jvm = container.descendants().filter(p -> p.info().command().orElse("").endsWith("/java"))
                    .findFirst().orElseThrow();
            assertThat(Files.readAllLines(Path.of("/proc", String.valueOf(jvm.pid()), "status")))
                    .anyMatch(line -> line.matches("Uid:\\s+65532\\s+65532.*"));

            jvm.destroy(); // SIGTERM, as the kubelet sends it after preStop

            assertThat(container.waitFor(30, TimeUnit.SECONDS)).as(log()).isTrue();
            assertThat(log()).contains("Graceful shutdown complete");
        } finally {
            container.descendants().forEach(ProcessHandle::destroyForcibly);
            container.destroyForcibly();
        }
    }

    /** chroot and new namespaces need root: CI and the build machines run as root; elsewhere this is skipped. */
    private static void assumeRoot() throws IOException {
        assumeTrue(Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid")),
                "starting the image needs root (chroot, unshare)");
    }

    /**
     * The command in a fresh PID and mount namespace (with its own /proc), chrooted into the image as its user, with
     * the image's environment only.
     */
    private static ProcessBuilder inImage(List<String> command) {
        List<String> full = new ArrayList<>(List.of(tool("unshare"), "--fork", "--pid", "--mount",
                "--mount-proc=" + ROOTFS.toAbsolutePath().resolve("proc"), tool("chroot"),
                "--userspec=" + config.get("User").asText(), ROOTFS.toAbsolutePath().toString()));
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full);
        builder.environment().clear();
        for (JsonNode variable : config.get("Env")) {
            String[] pair = variable.asText().split("=", 2);
            builder.environment().put(pair[0], pair[1]);
        }
        return builder;
    }

    /** util-linux and coreutils tools of the build machine, wherever its PATH does not reach (/usr/sbin). */
    private static String tool(String name) {
        return java.util.stream.Stream.of("/usr/bin/", "/usr/sbin/", "/bin/", "/sbin/").map(dir -> dir + name)
                .filter(path -> Files.isExecutable(Path.of(path))).findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not installed"));
    }

    private static List<String> jvmPart(List<String> entrypoint) {
        return entrypoint.subList(0, entrypoint.indexOf("-cp"));
    }

    private static void awaitLive(Process container, int port) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(container.isAlive()).as(log()).isTrue();
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health/liveness")).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError("The gateway did not come up from its image:\n" + log());
    }

    private static String log() {
        try {
            return Files.readString(WORK.resolve("gateway.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        return run(new ProcessBuilder(command));
    }

    private static String run(ProcessBuilder builder) throws IOException, InterruptedException {
        Process process = builder.redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", builder.command()) + "\n" + out).isZero();
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
