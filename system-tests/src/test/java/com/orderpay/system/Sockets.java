package com.orderpay.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The machine's sockets as {@code ss} lists them: who listens on a port, what a process holds. */
final class Sockets {

    static final Pattern PID = Pattern.compile("pid=(\\d+)");

    private Sockets() {
    }

    /** The process listening on a TCP port, as {@code ss -ltnp} names it. */
    static OptionalLong listener(int port) {
        for (String line : ss("-ltnpH", "sport = :" + port)) {
            Matcher pid = PID.matcher(line);
            if (pid.find()) {
                return OptionalLong.of(Long.parseLong(pid.group(1)));
            }
        }
        return OptionalLong.empty();
    }

    /** The port of a {@code host:port}. */
    static int port(String hostPort) {
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }

    /** {@code ss} with these arguments, one line per socket. */
    static List<String> ss(String... arguments) {
        List<String> command = new ArrayList<>(List.of("ss"));
        command.addAll(List.of(arguments));
        try {
            Process ss = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(ss.getInputStream().readAllBytes());
            if (ss.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
