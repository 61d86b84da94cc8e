package com.orderpay.order.component;

import com.orderpay.devstack.FreePorts;
import com.orderpay.devstack.JavaProcess;
import com.orderpay.devstack.ProjectLayout;
import com.orderpay.devstack.SharedClassArchive;
import com.orderpay.devstack.SharedInfrastructure;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * An order-service of its own, in a child JVM: the classes just compiled ({@code target/classes} and the main
 * dependencies, never the test classes), its own database ({@code order_db_<name>}), its own Redis key and Seata
 * application id, next to the shared siblings and coordinator. Expiry is about time and restarts, so these tests need
 * what the in-JVM context cannot give: a short payment timeout, layers switched off by properties, and a process that
 * can crash (SIGKILL) and start again with the same settings.
 */
final class OrderServiceProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OrderServiceProcess.class);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final String name;
    private final String database;
    private final int port;
    private final List<String> command;
    private final Path logFile;
    private Process process;

    private OrderServiceProcess(String name, String database, int port, List<String> command, Path logFile) {
        this.name = name;
        this.database = database;
        this.port = port;
        this.command = command;
        this.logFile = logFile;
    }

    /**
     * Starts it and waits until it is ready.
     *
     * @param name     short, [a-z]: names the database, the Redis key, the log and the Seata application id
     * @param settings Spring properties on top of the neighbourhood's (payment timeout, layers, scan interval)
     */
    static OrderServiceProcess start(String name, Map<String, String> settings) {
        String database = "order_db_" + name;
        int port = FreePorts.pick();
        Map<String, String> props = new LinkedHashMap<>(OrderpayNeighbours.get().orderServiceProperties(database));
        props.put("server.port", String.valueOf(port));
        props.put("server.address", "127.0.0.1");
        props.put("seata.application-id", "order-service-" + name);
        props.put("orderpay.order.expiry.redis.key", "orderpay:test:" + name + ":payment-deadlines");
        props.put("logging.level.root", "WARN");
        props.put("logging.level.com.orderpay", "INFO");
        props.putAll(settings);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JavaProcess.LEAN_FLAGS);
        command.addAll(List.of("-Xms64m", "-Xmx256m"));
        props.forEach((key, value) -> command.add("-D" + key + "=" + value));
        Path target = ProjectLayout.detect().root().resolve("order-service/order-app/target");
        Path logs = target.resolve("neighbour-logs");
        // One class-data archive for every such order-service (trained by the first): each starts in about half the time.
        command.addAll(SharedClassArchive.ofClasspath(mainClasspath(), "com.orderpay.order.OrderApplication",
                target.resolve("order-service-classpath-cds")).launchArguments("order-service-" + name, command, logs));
        OrderServiceProcess service = new OrderServiceProcess(name, database, port, List.copyOf(command),
                logs.resolve("order-service-" + name + ".log"));
        service.startAndAwaitReady();
        return service;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Its database, for checks and, where a test plays another replica, for that replica's writes. */
    JdbcTemplate database() {
        SharedInfrastructure infrastructure = SharedInfrastructure.get();
        DataSource dataSource = new DriverManagerDataSource(infrastructure.mariaDb().jdbcUrl(database),
                infrastructure.mariaDb().username(), infrastructure.mariaDb().password());
        return new JdbcTemplate(dataSource);
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** A crash: SIGKILL, no shutdown hooks, timers and in-flight work lost. */
    void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(10);
            process = null;
            log.info("order-service-{} killed", name);
        }
    }

    /** Starts it again with the same settings (same port, database, Redis key) and waits until it is ready. */
    void restart() {
        startAndAwaitReady();
    }

    /** The value of one sample of its Prometheus scrape, e.g. {@code orderpay_orders_expired_total{...layer="db"}}. */
    double metric(String name, String labelMatch) {
        return PrometheusScrape.sum(get("/actuator/prometheus"), name, labelMatch);
    }


    @Override
    public void close() {
        if (process != null) {
            process.destroy();
            if (!waitFor(30)) {
                process.destroyForcibly();
                waitFor(10);
            }
            process = null;
        }
    }

    private void startAndAwaitReady() {
        try {
            Files.createDirectories(logFile.getParent());
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("order-service-" + name + " did not start", e);
        }
        Process started = process;
        // Never outlive the test JVM, even when a test fails before close().
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, "order-service-" + name + "-reaper"));
        long began = System.nanoTime();
        long deadline = began + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("order-service-" + name + " exited with " + process.exitValue()
                        + "; see " + logFile);
            }
            if (ready()) {
                log.info("order-service-{} ready on {} in {} ms (log {})", name, baseUrl(),
                        (System.nanoTime() - began) / 1_000_000, logFile);
                return;
            }
            sleep(250);
        }
        close();
        throw new IllegalStateException("order-service-" + name + " not ready after " + READY_TIMEOUT + "; see " + logFile);
    }

    private boolean ready() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create(baseUrl() + "/actuator/health/readiness")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private boolean waitFor(int seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The test JVM's classpath without the test classes (which would be component-scanned too). Surefire may hand the
     * classpath over in a manifest-only jar, whose Class-Path is read then.
     */
    private static List<Path> mainClasspath() {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> entries = new ArrayList<>(Arrays.asList(classpath.split(File.pathSeparator)));
        if (entries.size() == 1 && entries.get(0).endsWith(".jar")) {
            entries = manifestClasspath(Path.of(entries.get(0)));
        }
        return entries.stream().filter(entry -> !entry.isBlank()).map(entry -> Path.of(entry).toAbsolutePath().normalize())
                .filter(entry -> !entry.endsWith(Path.of("target", "test-classes")))
                .toList();
    }

    private static List<String> manifestClasspath(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null) {
                return List.of(jar.toString());
            }
            List<String> entries = new ArrayList<>();
            for (String url : classPath.trim().split("\\s+")) {
                entries.add(Path.of(URI.create(url.startsWith("file:") ? url : jar.getParent().toUri().resolve(url)
                        .toString())).toString());
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
