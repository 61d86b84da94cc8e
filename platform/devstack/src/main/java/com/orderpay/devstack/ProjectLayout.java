package com.orderpay.devstack;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the built artifacts of the reactor are. */
public final class ProjectLayout {

    private final Path root;

    private ProjectLayout(Path root) {
        this.root = root;
    }

    /** From {@code -Dorderpay.root} (set by the build), else the nearest folder up with {@code deploy/seata-server}. */
    public static ProjectLayout detect() {
        String configured = System.getProperty("orderpay.root");
        if (configured != null && !configured.isBlank()) {
            return new ProjectLayout(Path.of(configured).toAbsolutePath().normalize());
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("deploy/seata-server"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("Cannot find the orderpay root; set -Dorderpay.root");
        }
        return new ProjectLayout(dir);
    }

    public Path root() {
        return root;
    }

    public Path seataServerJar() {
        return root.resolve("deploy/seata-server/target/seata-server.jar");
    }

    /** The versioned schema of the coordinator's db store. */
    public Path seataStoreMigrations() {
        return root.resolve("deploy/seata-server/db");
    }

    /** The repackaged jar of a service, e.g. {@code inventory-service/inventory-app/target/inventory-service.jar}. */
    public Path serviceJar(String service) {
        String app = service.replace("-service", "-app");
        return root.resolve(service).resolve(app).resolve("target").resolve(service + ".jar");
    }
}
