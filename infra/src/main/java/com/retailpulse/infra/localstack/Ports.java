package com.retailpulse.infra.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback port checks shared by the local servers. */
public final class Ports {
    private Ports() {
    }

    /**
     * Fails with a message that names the service, the port and the setting that moves it, when
     * something else already listens there.
     */
    public static void requireFree(String service, String host, int port, String setting) {
        try (ServerSocket socket = new ServerSocket()) {
            // A port in TIME_WAIT after a quick restart is free; a listening one is not (Linux refuses the bind).
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException e) {
            throw new LocalStackException(service + " cannot start: port " + host + ":" + port
                    + " is already in use (" + e.getMessage() + "). Stop whatever listens there, or choose another port with "
                    + setting + ".");
        }
    }

    /** A port the OS reports free right now on loopback (for tests: one stack per test JVM). */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new LocalStackException("no free loopback port: " + e.getMessage(), e);
        }
    }
}
