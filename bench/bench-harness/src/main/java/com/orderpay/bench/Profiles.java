package com.orderpay.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --profile}: a JDK Flight Recorder recording of every JVM of the system over the measured window
 * ({@code jcmd <pid> JFR.start}), summed up as where the CPU samples fall: the hottest methods, and the share of
 * samples under each library (logging, Seata, the JDBC driver, JSON, HTTP server and client, tracing...).
 */
final class Profiles {

    private static final Logger log = LoggerFactory.getLogger(Profiles.class);

    /** Sample shares by what the stack passes through; a sample may count under several. */
    private static final Map<String, List<String>> AREAS = new LinkedHashMap<>();

    static {
        AREAS.put("logging (logback/slf4j)", List.of("ch.qos.logback.", "org.slf4j."));
        AREAS.put("Seata (client/server, RPC, fence)", List.of("org.apache.seata.", "io.seata."));
        AREAS.put("Netty", List.of("io.netty."));
        AREAS.put("JDBC driver (mysql-connector-j)", List.of("com.mysql.cj."));
        AREAS.put("Hikari pool", List.of("com.zaxxer.hikari."));
        AREAS.put("MyBatis(-Plus)", List.of("org.apache.ibatis.", "com.baomidou."));
        AREAS.put("Spring JDBC / transactions", List.of("org.springframework.jdbc.", "org.springframework.transaction."));
        AREAS.put("Jackson (JSON)", List.of("com.fasterxml.jackson."));
        AREAS.put("Tomcat (HTTP server)", List.of("org.apache.tomcat.", "org.apache.coyote.", "org.apache.catalina."));
        AREAS.put("Feign / JDK HTTP client", List.of("feign.", "sun.net.www.", "org.springframework.cloud.openfeign."));
        AREAS.put("Reactor / WebFlux / gateway", List.of("reactor.", "org.springframework.web.reactive.",
                "org.springframework.cloud.gateway."));
        AREAS.put("Spring Security / JWT", List.of("org.springframework.security.", "com.nimbusds."));
        AREAS.put("Redis client", List.of("io.lettuce.", "org.redisson."));
        AREAS.put("tracing and metrics (Micrometer, Brave)", List.of("io.micrometer.", "brave."));
        AREAS.put("Resilience4j", List.of("io.github.resilience4j."));
        AREAS.put("orderpay code", List.of("com.orderpay."));
    }

    private Profiles() {
    }

    /** Starts a recording in each JVM for {@code window}; returns where each will be written. */
    static Map<String, Path> start(Map<String, Long> processes, Duration window, Path dir, String tag) {
        Map<String, Path> files = new LinkedHashMap<>();
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        processes.forEach((name, pid) -> {
            if (name.equals("mariadb") || name.equals("redis")) {
                return;
            }
            Path file = dir.resolve(tag + "-" + name.replaceAll("[^A-Za-z0-9_-]", "_") + ".jfr");
            try {
                Files.createDirectories(dir);
                Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "JFR.start", "name=bench",
                        "settings=profile", "duration=" + window.toSeconds() + "s", "filename=" + file)
                        .redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes());
                if (p.waitFor() == 0) {
                    files.put(name, file);
                } else {
                    log.warn("JFR not started in {} ({}): {}", name, pid, out.strip());
                }
            } catch (IOException e) {
                log.warn("JFR not started in {}: {}", name, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return files;
    }

    /** A text summary of one recording: samples by area, the hottest methods, GC pauses. */
    static String summarize(String process, Path recording, long orders) {
        Map<String, Long> byArea = new LinkedHashMap<>();
        Map<String, Long> selfTop = new LinkedHashMap<>();
        long samples = 0;
        Duration gc = Duration.ZERO;
        try {
            for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
                String type = event.getEventType().getName();
                if (type.equals("jdk.GarbageCollection")) {
                    gc = gc.plus(event.getDuration());
                    continue;
                }
                if (!type.equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                    continue;
                }
                samples++;
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                if (!frames.isEmpty()) {
                    RecordedFrame top = frames.get(0);
                    selfTop.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1L, Long::sum);
                }
                Set<String> areas = new HashSet<>();
                for (RecordedFrame frame : frames) {
                    String type0 = frame.getMethod().getType().getName();
                    AREAS.forEach((area, prefixes) -> {
                        for (String prefix : prefixes) {
                            if (type0.startsWith(prefix)) {
                                areas.add(area);
                            }
                        }
                    });
                }
                areas.forEach(area -> byArea.merge(area, 1L, Long::sum));
            }
        } catch (IOException e) {
            return process + ": recording unreadable (" + e + ")\n";
        }
        StringBuilder text = new StringBuilder();
        text.append("#### ").append(process).append(": ").append(samples).append(" CPU samples");
        text.append(", GC pauses ").append(gc.toMillis()).append(" ms");
        if (orders > 0) {
            text.append(" (").append(String.format("%.2f", gc.toMillis() / (double) orders)).append(" ms/order)");
        }
        text.append("\n\n| area (inclusive) | share of samples |\n|---|---:|\n");
        final long total = Math.max(1, samples);
        byArea.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> text.append("| ").append(e.getKey()).append(" | ")
                        .append(Math.round(100.0 * e.getValue() / total)).append(" % |\n"));
        text.append("\n| hottest methods (self) | share |\n|---|---:|\n");
        List<Map.Entry<String, Long>> hottest = new ArrayList<>(selfTop.entrySet());
        hottest.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        hottest.stream().limit(15).forEach(e -> text.append("| `").append(e.getKey()).append("` | ")
                .append(String.format("%.1f", 100.0 * e.getValue() / total)).append(" % |\n"));
        return text.append("\n").toString();
    }
}
