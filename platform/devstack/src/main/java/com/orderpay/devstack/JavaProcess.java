package com.orderpay.devstack;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JVM of the system (a service or the coordinator), started lean, logging to its own file, stoppable
 * gracefully (SIGTERM), restartable with the same settings, and suspendable (SIGSTOP) to play a hung process.
 */
public final class JavaProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JavaProcess.class);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Lean flags for 2-core machines: C1 only, serial GC, small stacks. The heap is per process. */
    public static final List<String> LEAN_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k",
            "-XX:+ExitOnOutOfMemoryError");

    /**
     * Every pause and safepoint with wall-clock time, in the process's own folder ({@code <logs>/<name>/gc.log},
     * rotated, ~100 KB per ten minutes of load): a latency spike can then be told from a pause without a rerun.
     */
    static final String GC_LOG = "-Xlog:gc,safepoint:file=gc.log:time,uptime:filecount=3,filesize=10m";

    /**
     * The flags this launcher gives its JVMs: {@link #LEAN_FLAGS}, or with the system property
     * {@code orderpay.devstack.jit=tiered} the same without the C1-only limit (C2 compiles the hot code, as in the
     * images), so that the benchmark can measure both side by side.
     */
    static List<String> launchFlags() {
        if (!"tiered".equals(System.getProperty("orderpay.devstack.jit", "c1"))) {
            return LEAN_FLAGS;
        }
        return LEAN_FLAGS.stream().filter(flag -> !flag.startsWith("-XX:TieredStopAtLevel")).toList();
    }

    private final String name;
    private final Path jar;
    private final List<String> jvmArgs;
    private final Map<String, String> properties;
    private final Path logFile;
    private final Path workDir;
    private volatile Process process;
    private BooleanSupplier trainingReady;

    public JavaProcess(String name, Path jar, List<String> jvmArgs, Map<String, String> properties, Path logDir) {
        this.name = name;
        this.jar = jar;
        this.jvmArgs = List.copyOf(jvmArgs);
        this.properties = Map.copyOf(properties);
        this.workDir = logDir.resolve(name);
        this.logFile = logDir.resolve(name + ".log");
    }

    /**
     * For a jar whose context does not stop itself once refreshed (Spring Boot 2, the coordinator): when its
     * class-data archive is trained, the training run is stopped once {@code ready} holds.
     */
    public JavaProcess trainedUntil(BooleanSupplier ready) {
        this.trainingReady = ready;
        return this;
    }

    public synchronized JavaProcess start() {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + ": " + jar + " is missing; build first (mvn -DskipTests package)");
        }
        List<String> jvm = new ArrayList<>();
        jvm.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        jvm.addAll(launchFlags());
        jvm.addAll(jvmArgs);
        // -D properties: the coordinator parses its own command line, so settings never go as --args.
        properties.forEach((key, value) -> jvm.add("-D" + key + "=" + value));
        List<String> command = new ArrayList<>(jvm);
        command.add(1, GC_LOG);
        // The training run (first start of a jar only) gets the same flags and settings, without the GC log.
        command.addAll(SharedClassArchive.ofBootJar(jar).launchArguments(name, jvm, workDir, trainingReady));
        try {
            Files.createDirectories(workDir);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            // The caller's environment passes through, so ORDERPAY_* / SPRING_* overrides reach every service.
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(name + " did not start", e);
        }
        log.info("{} started (pid {}), log {}", name, process.pid(), logFile);
        return this;
    }

    /**
     * Starts the processes at once, each on a thread of its own (a jar's first start trains its class-data archive
     * first, see {@link SharedClassArchive}), and waits until {@code awaitReady} returns for each; the first failure
     * is thrown once all have finished.
     */
    public static <K> void startAll(Map<K, JavaProcess> processes, Consumer<K> awaitReady) {
        ExecutorService starters = Executors.newFixedThreadPool(Math.max(1, processes.size()));
        try {
            List<CompletableFuture<Void>> started = new ArrayList<>();
            processes.forEach((key, process) -> started.add(CompletableFuture.runAsync(() -> {
                process.start();
                awaitReady.accept(key);
            }, starters)));
            CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        } finally {
            starters.shutdown();
        }
    }

    /** The running JVM's process id (for {@code jcmd}, {@code kill}, {@code /proc}). */
    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException(name + " is not running");
        }
        return process.pid();
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /**
     * Its exit code when it ended without being asked to (a crash, an outside {@code kill}); empty while it runs, and
     * after {@link #stop()} or {@link #kill()}.
     */
    public synchronized java.util.OptionalInt exitedByItself() {
        return process != null && !process.isAlive() ? java.util.OptionalInt.of(process.exitValue())
                : java.util.OptionalInt.empty();
    }

    /** Waits until {@code ready} holds, failing early (with the log's tail) if the process dies. */
    public void awaitReady(Duration timeout, BooleanSupplier ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Process current = process;
            if (current == null) {
                throw new IllegalStateException(name + " was stopped while starting");
            }
            if (!current.isAlive()) {
                throw new IllegalStateException(name + " exited with " + current.exitValue() + "\n" + tail(60));
            }
            if (ready.getAsBoolean()) {
                return;
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " not ready after " + timeout + "\n" + tail(60));
    }

    public void awaitHttpReady(int port, Duration timeout) {
        awaitReady(timeout, () -> httpOk("http://127.0.0.1:" + port + "/actuator/health/readiness"));
    }

    /** Graceful stop (SIGTERM), then SIGKILL if it takes too long. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    /** A crash (SIGKILL): no shutdown hooks, nothing flushed; {@link #start()} brings it back with the same settings. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** A hung process (SIGSTOP): its sockets stay open, nothing answers, requests queue up until {@link #resume()}. */
    public synchronized void suspend() {
        signal("STOP");
    }

    public synchronized void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        if (process == null) {
            throw new IllegalStateException(this.name + " is not running");
        }
        Signals.send(name, process.pid());
    }

    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        stop();
    }

    static boolean httpOk(String url) {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
