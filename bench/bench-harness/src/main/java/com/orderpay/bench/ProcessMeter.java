package com.orderpay.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time (user + system, from {@code /proc/<pid>/stat}) and resident memory of the system's processes. CPU time
 * per order is much less sensitive to the other load on a shared machine than wall-clock throughput.
 */
final class ProcessMeter {

    /** Linux's USER_HZ: clock ticks per second in /proc/<pid>/stat. */
    private static final double TICKS_PER_SECOND = 100.0;

    record Usage(double cpuSeconds, long rssKb) {
    }

    private ProcessMeter() {
    }

    static Map<String, Usage> sample(Map<String, Long> processes) {
        Map<String, Usage> usage = new LinkedHashMap<>();
        processes.forEach((name, pid) -> usage.put(name, read(pid)));
        return usage;
    }

    private static Usage read(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // The command name may hold spaces; the fields after it are fixed: utime is the 14th, stime the 15th.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            double cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
            long rss = 0;
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return new Usage(cpu, rss);
        } catch (IOException | RuntimeException e) {
            return new Usage(Double.NaN, 0);
        }
    }

    /** The 1-minute load average. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Idle share of all cores, from /proc/stat, between two samples. */
    static long[] cpuTimes() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length; i++) {
                total += Long.parseLong(fields[i]);
            }
            return new long[] {total, Long.parseLong(fields[4]) + Long.parseLong(fields[5])};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }
}
