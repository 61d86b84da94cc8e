package com.orderpay.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an earlier local run on the same home ({@code ORDERPAY_HOME}) left running. A launcher killed with SIGKILL
 * cannot stop its children: MariaDB, Redis, the coordinator and every service go on holding the ports and the data
 * folder, and the next run would wait half a minute for a database that cannot lock its files. A run that is still
 * alive is refused instead (two runs on one home would share one database's files).
 *
 * <p>A process belongs to a run on {@code home} when it is one of its parts: a JVM working in a folder under the home
 * (every service and the coordinator do), a {@code mariadbd} on a data folder under it, a {@code redis-server} unpacked
 * under it; its launcher is the JVM running {@code devstack-exec} with the home on its command line. Nothing else is
 * touched (a {@code tail -f} of a log there, say).
 */
public final class EarlierRun {

    private static final Logger log = LoggerFactory.getLogger(EarlierRun.class);
    private static final Duration STOP_WITHIN = Duration.ofSeconds(20);

    private EarlierRun() {
    }

    /**
     * Stops the parts an earlier run on {@code home} left behind, or refuses to go on while that run's launcher lives.
     *
     * @return how many left-over parts were stopped
     * @throws IllegalStateException when a launcher still runs on this home
     */
    public static int stopLeftoversOrRefuse(Path home) {
        Path root = home.toAbsolutePath().normalize();
        List<Path> names = List.of(root, realPath(root)).stream().distinct().toList();
        long self = ProcessHandle.current().pid();
        List<ProcessHandle> ours = ProcessHandle.allProcesses().filter(p -> p.pid() != self).toList();
        Optional<ProcessHandle> launcher = ours.stream()
                .filter(p -> names.stream().anyMatch(name -> isLauncher(p, name))).findFirst();
        if (launcher.isPresent()) {
            throw new IllegalStateException("orderpay already runs on " + root + " (launcher pid " + launcher.get().pid()
                    + "): stop it first (Ctrl-C in its terminal, or kill -TERM " + launcher.get().pid()
                    + "), or give this run another ORDERPAY_HOME");
        }
        List<ProcessHandle> leftovers = ours.stream()
                .filter(p -> names.stream().anyMatch(name -> isPart(p, name))).toList();
        if (leftovers.isEmpty()) {
            return 0;
        }
        log.warn("An earlier run on {} ended without stopping {} of its parts (its launcher was killed?): stopping "
                + "pids {}", root, leftovers.size(),
                leftovers.stream().map(p -> String.valueOf(p.pid())).collect(Collectors.joining(", ")));
        leftovers.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + STOP_WITHIN.toNanos();
        for (ProcessHandle part : leftovers) {
            long left = Math.max(0, deadline - System.nanoTime());
            try {
                part.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                part.destroyForcibly();
                part.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> part).join();
            }
        }
        return leftovers.size();
    }

    static boolean isLauncher(ProcessHandle process, Path home) {
        String line = commandLine(process.pid());
        return isJava(process) && line.contains("devstack-exec") && line.contains(home + "/");
    }

    static boolean isPart(ProcessHandle process, Path home) {
        String command = process.info().command().orElse("");
        if (isJava(process)) {
            return workingFolder(process.pid()).map(cwd -> cwd.startsWith(home)).orElse(false);
        }
        if (command.endsWith("/mariadbd") || command.endsWith("/mysqld")) {
            return commandLine(process.pid()).contains("--datadir=" + home + "/");
        }
        return command.contains("redis-server") && command.startsWith(home + "/");
    }

    /** The home as the kernel names it in a process's working folder (symbolic links resolved). */
    private static Path realPath(Path absolute) {
        try {
            return absolute.toRealPath();
        } catch (IOException e) {
            return absolute;
        }
    }

    private static boolean isJava(ProcessHandle process) {
        return process.info().command().map(c -> c.endsWith("/java")).orElse(false);
    }

    private static Optional<Path> workingFolder(long pid) {
        try {
            return Optional.of(Files.readSymbolicLink(Path.of("/proc", String.valueOf(pid), "cwd")));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline"))).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }
}
