package com.orderpay.devstack;

import java.nio.file.Path;

/** The JVMs of orderpay, with their local ports and databases. */
public enum OrderpayService {
    INVENTORY("inventory-service", 8082, "inventory_db", "-Xmx256m"),
    WALLET("wallet-service", 8083, "wallet_db", "-Xmx256m"),
    ORDER("order-service", 8081, "order_db", "-Xmx320m"),
    COMPENSATION("compensation-service", 8084, "compensation_db", "-Xmx256m"),
    GATEWAY("gateway", 8080, null, "-Xmx256m");

    private final String serviceName;
    private final int localPort;
    private final String database;
    private final String heap;

    OrderpayService(String serviceName, int localPort, String database, String heap) {
        this.serviceName = serviceName;
        this.localPort = localPort;
        this.database = database;
        this.heap = heap;
    }

    /** The discovery name (spring.application.name). */
    public String serviceName() {
        return serviceName;
    }

    public int localPort() {
        return localPort;
    }

    /** Its own database, or null (the gateway has none). */
    public String database() {
        return database;
    }

    public String heap() {
        return heap;
    }

    /**
     * The memory flags of its JVM: its heap, and a young generation of 64 MB from the start. With the initial 64 MB
     * heap, serial GC's young generation was about 21 MB and filled several times a second under load, every minor
     * collection scanning the stacks of some 200 request threads; a larger one collects a few times less often.
     */
    public java.util.List<String> memory() {
        return memory(heap);
    }

    /**
     * The same shape for any JVM of the system (the coordinator, the benchmark's baseline). The system property
     * {@code orderpay.devstack.young-gen} sets another size, or {@code ergonomic} for the JVM's own choice from a 64 MB
     * initial heap (as before), so that the benchmark can measure both side by side.
     */
    public static java.util.List<String> memory(String maxHeap) {
        String young = System.getProperty("orderpay.devstack.young-gen", "64m");
        return "ergonomic".equals(young) ? java.util.List.of("-Xms64m", maxHeap)
                : java.util.List.of("-Xms128m", "-Xmn" + young, maxHeap);
    }

    public Path jar(ProjectLayout layout) {
        return this == GATEWAY ? layout.root().resolve("gateway/target/gateway.jar") : layout.serviceJar(serviceName);
    }

    /** Whether this checkout has the service at all (compensation-service arrives with its own issue). */
    public boolean presentIn(ProjectLayout layout) {
        return this == GATEWAY ? layout.root().resolve("gateway/src").toFile().isDirectory()
                : layout.root().resolve(serviceName).resolve(serviceName.replace("-service", "-app")).resolve("src")
                        .toFile().isDirectory();
    }
}
