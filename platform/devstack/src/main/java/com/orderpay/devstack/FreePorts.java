package com.orderpay.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashSet;
import java.util.Set;

/** Ports on loopback. */
public final class FreePorts {

    /**
     * Every port handed out by this JVM. A port is free when picked and bound only later, by the process it is for;
     * the kernel may meanwhile hand the same port to the next pick. Two services given one port can make a system look
     * ready while one of them is dying on its bind: the other one answers its readiness check, and the gateway routes
     * the dead one's traffic to it (404s, as a benchmark once met). So a port is handed out once per JVM.
     */
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private FreePorts() {
    }

    /** A port free now and never handed out before by this JVM. */
    public static synchronized int pick() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = anyFree();
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No free loopback port that was not handed out already");
    }

    private static int anyFree() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean listening(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
