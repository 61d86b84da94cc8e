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
