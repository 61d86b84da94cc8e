package com.orderpay.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A local run's launcher killed with SIGKILL leaves its parts running: the next run on the same home stops them, and
 * nothing else; a run whose launcher still lives is refused, its parts untouched.
 */
class EarlierRunTest {

    private final List<Process> started = new ArrayList<>();

    /** Stands in for a part of a run: a JVM that only waits. */
    public static final class Waiter {
        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(120_000);
        }
    }

    @AfterEach
    void stopAll() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void theNextRunStopsThePartsAKilledLauncherLeftAndNothingElse() throws Exception {
        Path home = newHome();
        Process service = javaIn(home.resolve("logs/order-service"));
        Process elsewhere = javaIn(Files.createDirectories(Path.of("target", "not-a-home-" + UUID.randomUUID())));
        // A developer's shell in the logs folder is not a part.
        Process shell = start(new ProcessBuilder("sleep", "120").directory(home.resolve("logs").toFile()));

        assertThat(EarlierRun.stopLeftoversOrRefuse(home)).isEqualTo(1);

        assertThat(service.isAlive()).as("the left-over service").isFalse();
        assertThat(elsewhere.isAlive()).as("a JVM working outside the home").isTrue();
        assertThat(shell.isAlive()).as("a non-Java process in the home").isTrue();
        assertThat(EarlierRun.stopLeftoversOrRefuse(home)).as("nothing left the second time").isZero();
    }

    @Test
    void aRunWhoseLauncherLivesIsRefusedAndKeepsItsParts() throws Exception {
        Path home = newHome();
        Process service = javaIn(home.resolve("logs/wallet-service"));
        // The launcher as run-local.sh starts it: the home on its command line, devstack-exec as its jar.
        Process launcher = start(new ProcessBuilder(java(), "-Djava.io.tmpdir=" + home + "/jvm-tmp",
                "-Dlaunched.as=devstack-exec.jar", "-cp", System.getProperty("java.class.path"), Waiter.class.getName()));
        awaitCommandLine(launcher);

        assertThatThrownBy(() -> EarlierRun.stopLeftoversOrRefuse(home))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already runs on " + home)
                .hasMessageContaining("launcher pid " + launcher.pid());
        assertThat(service.isAlive()).isTrue();
        assertThat(launcher.isAlive()).isTrue();
    }

    private Path newHome() throws IOException {
        Path home = Path.of("target", "earlier-run-" + UUID.randomUUID()).toAbsolutePath();
        Files.createDirectories(home.resolve("logs"));
        return home;
    }

    private Process javaIn(Path folder) throws Exception {
        Files.createDirectories(folder);
        Process process = start(new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
                Waiter.class.getName()).directory(folder.toFile()));
        awaitCommandLine(process);
        return process;
    }

    private Process start(ProcessBuilder builder) throws IOException {
        Process process = builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        started.add(process);
        return process;
    }

    /** Until the kernel shows the new process's command line (right after fork it is the parent's). */
    private static void awaitCommandLine(Process process) throws Exception {
        for (int i = 0; i < 100 && !process.info().command().map(c -> c.endsWith("/java")).orElse(false); i++) {
            Thread.sleep(50);
        }
        Thread.sleep(200);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
