package com.orderpay.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Where the kustomizations are, and what they render to. */
final class Manifests {

    /** deploy/k8s: the tests run in this module's folder. */
    static final Path ROOT = Path.of("").toAbsolutePath();
    static final List<String> WORKLOADS = List.of("gateway", "order-service", "inventory-service", "wallet-service",
            "compensation-service", "seata-server");
    static final List<String> SERVICES = List.of("gateway", "order-service", "inventory-service", "wallet-service",
            "compensation-service");

    private Manifests() {
    }

    /** Every folder with a kustomization.yaml: the overlays, the base, each service alone, each prod service alone. */
    static List<String> kustomizations() {
        List<String> all = new ArrayList<>();
        for (String top : List.of("base", "overlays")) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(top))) {
                files.filter(p -> p.getFileName().toString().equals("kustomization.yaml"))
                        .map(p -> ROOT.relativize(p.getParent()).toString())
                        .sorted()
                        .forEach(all::add);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return all;
    }

    /** The above, and the monitoring objects (Prometheus Operator's kinds, which the Kubernetes schemas lack). */
    static List<String> allKustomizations() {
        List<String> all = new ArrayList<>(kustomizations());
        all.add("monitoring");
        return all;
    }

    static List<Map<String, Object>> render(String kustomization) {
        return Kustomize.render(ROOT.resolve(kustomization));
    }

    static List<Map<String, Object>> ofKind(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }
}
