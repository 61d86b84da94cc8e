package com.orderpay.deploy;

import static com.orderpay.deploy.Kustomize.list;
import static com.orderpay.deploy.Kustomize.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The operating rules of issue 9, on what the overlays really render. */
class DeploymentRulesTest {

    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|TOKEN|SECRET|PRIVATE_KEY|CREDENTIAL).*");

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod", "base"})
    void everyDeploymentHasProbesOnTheActuatorGroupsOrTheCoordinatorsRpcPort(String overlay) {
        for (Map<String, Object> deployment : Manifests.ofKind(Manifests.render(overlay), "Deployment")) {
            for (Map<String, Object> container : containers(deployment, "containers")) {
                String where = Kustomize.id(deployment) + " " + container.get("name");
                if (Kustomize.name(deployment).equals("seata-server")) {
                    // Its /health answers 200 even when unhealthy: the RPC port is the signal.
                    for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                        assertThat(map(map(container.get(probe)).get("tcpSocket")).get("port")).as(where + " " + probe)
                                .isEqualTo("rpc");
                    }
                    assertThat(port(container, "rpc")).isEqualTo(8091);
                } else {
                    assertThat(httpPath(container, "startupProbe")).as(where).isEqualTo("/actuator/health/liveness");
                    assertThat(httpPath(container, "livenessProbe")).as(where).isEqualTo("/actuator/health/liveness");
                    assertThat(httpPath(container, "readinessProbe")).as(where).isEqualTo("/actuator/health/readiness");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void everyContainerHasRequestsAndLimitsAndJvmsGetTheMemoryTheyAreSizedFrom(String overlay) {
        for (Map<String, Object> workload : workloads(Manifests.render(overlay))) {
            for (String field : List.of("initContainers", "containers")) {
                for (Map<String, Object> container : containers(workload, field)) {
                    Map<String, Object> resources = map(container.get("resources"));
                    String where = Kustomize.id(workload) + " " + container.get("name");
                    assertThat(map(resources.get("requests"))).as(where).containsKeys("cpu", "memory");
                    assertThat(map(resources.get("limits"))).as(where).containsKeys("cpu", "memory");
                    // The JVM sizes its heap from the limit (MaxRAMPercentage): request it all, never be evicted for it.
                    assertThat(map(resources.get("requests")).get("memory")).as(where)
                            .isEqualTo(map(resources.get("limits")).get("memory"));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void shutdownIsGracefulThePreStopAndTheShutdownPhaseFitInTheGracePeriod(String overlay) throws IOException {
        long shutdownPhase = shutdownPhaseSeconds();
        for (Map<String, Object> deployment : Manifests.ofKind(Manifests.render(overlay), "Deployment")) {
            Map<String, Object> podSpec = podSpec(deployment);
            for (Map<String, Object> container : containers(deployment, "containers")) {
                List<Object> preStop = list(map(map(map(container.get("lifecycle")).get("preStop")).get("exec"))
                        .get("command"));
                assertThat(preStop).as(Kustomize.id(deployment)).hasSize(2).first().isEqualTo("sleep");
                long sleep = Long.parseLong((String) preStop.get(1));
                assertThat(((Number) podSpec.get("terminationGracePeriodSeconds")).longValue())
                        .as(Kustomize.id(deployment)).isGreaterThan(sleep + shutdownPhase);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod", "base"})
    void everyDeploymentHasAnAutoscalerAndADisruptionBudgetAndSpreadsAcrossNodes(String overlay) {
        List<Map<String, Object>> objects = Manifests.render(overlay);
        List<Map<String, Object>> deployments = Manifests.ofKind(objects, "Deployment");
        assertThat(deployments).extracting(Kustomize::name).containsExactlyInAnyOrderElementsOf(Manifests.WORKLOADS);
        for (Map<String, Object> deployment : deployments) {
            String name = Kustomize.name(deployment);
            Map<String, Object> labels = podLabels(deployment);
            assertThat(Manifests.ofKind(objects, "HorizontalPodAutoscaler")).as(name).filteredOn(hpa -> {
                Map<String, Object> target = map(map(hpa.get("spec")).get("scaleTargetRef"));
                return "Deployment".equals(target.get("kind")) && name.equals(target.get("name"));
            }).hasSize(1);
            assertThat(Manifests.ofKind(objects, "PodDisruptionBudget")).as(name)
                    .filteredOn(pdb -> selects(map(pdb.get("spec")).get("selector"), labels)).hasSize(1);
            assertThat(map(deployment.get("spec"))).as(name).doesNotContainKey("replicas");
            Map<String, Object> antiAffinity = map(map(podSpec(deployment).get("affinity")).get("podAntiAffinity"));
            Map<String, Object> term = map(map(list(antiAffinity.get("preferredDuringSchedulingIgnoredDuringExecution"))
                    .get(0)).get("podAffinityTerm"));
            assertThat(term.get("topologyKey")).as(name).isEqualTo("kubernetes.io/hostname");
            assertThat(selects(term.get("labelSelector"), labels)).as(name).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod", "base"})
    void selectorsMatchTheLabelsOfWhatTheySelect(String overlay) {
        List<Map<String, Object>> objects = Manifests.render(overlay);
        List<Map<String, Object>> workloads = workloads(objects);
        for (Map<String, Object> workload : workloads) {
            assertThat(selects(map(workload.get("spec")).get("selector"), podLabels(workload)))
                    .as(Kustomize.id(workload)).isTrue();
        }
        for (Map<String, Object> service : Manifests.ofKind(objects, "Service")) {
            Map<String, Object> spec = map(service.get("spec"));
            if ("ExternalName".equals(spec.get("type"))) {
                continue;
            }
            Map<String, Object> selector = map(spec.get("selector"));
            assertThat(workloads).as(Kustomize.id(service))
                    .anyMatch(w -> podLabels(w).entrySet().containsAll(selector.entrySet()));
            for (Object port : list(spec.get("ports"))) {
                Object target = map(port).get("targetPort");
                assertThat(workloads).as(Kustomize.id(service) + " port " + target).anyMatch(w ->
                        podLabels(w).entrySet().containsAll(selector.entrySet())
                                && containers(w, "containers").stream().anyMatch(c -> port(c, target) != null));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod", "base"})
    void noImageFloatsEveryOneHasATagOrADigestAndNoneIsLatest(String overlay) {
        for (Map<String, Object> workload : workloads(Manifests.render(overlay))) {
            for (String field : List.of("initContainers", "containers")) {
                for (Map<String, Object> container : containers(workload, field)) {
                    String image = (String) container.get("image");
                    assertThat(image).as(Kustomize.id(workload)).isNotEqualTo(Kustomize.repository(image))
                            .doesNotEndWith(":latest");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod", "base"})
    void noSecretValueIsInGitOnlyReferencesToSecrets(String overlay) {
        List<Map<String, Object>> objects = Manifests.render(overlay);
        assertThat(objects).extracting(Kustomize::kind).doesNotContain("Secret");
        for (Map<String, Object> workload : workloads(objects)) {
            for (String field : List.of("initContainers", "containers")) {
                for (Map<String, Object> container : containers(workload, field)) {
                    for (Object item : list(container.get("env"))) {
                        Map<String, Object> env = map(item);
                        if (SECRET_NAME.matcher((String) env.get("name")).matches()) {
                            assertThat(env).as(Kustomize.id(workload) + " " + env.get("name")).doesNotContainKey("value");
                            assertThat(map(env.get("valueFrom"))).containsKey("secretKeyRef");
                        }
                    }
                }
            }
        }
        for (Map<String, Object> configMap : Manifests.ofKind(objects, "ConfigMap")) {
            for (Map.Entry<String, Object> entry : map(configMap.get("data")).entrySet()) {
                assertThat(entry.getKey()).as(Kustomize.id(configMap)).doesNotMatch(SECRET_NAME);
                // Settings files only name their secrets (${...}, filled from the environment).
                for (String line : String.valueOf(entry.getValue()).split("\n")) {
                    if (line.matches("(?i)\\s*(password|secret-?key|token)\\s*:.*")) {
                        assertThat(line).as(Kustomize.id(configMap)).matches(".*:\\s*\\$\\{[A-Z_]+(:)?}\\s*");
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void everyWorkloadHasItsOwnNetworkPolicyBehindADefaultDeny(String overlay) {
        List<Map<String, Object>> objects = Manifests.render(overlay);
        List<Map<String, Object>> policies = Manifests.ofKind(objects, "NetworkPolicy");
        assertThat(policies).anySatisfy(p -> {
            assertThat(map(map(p.get("spec")).get("podSelector"))).isEmpty();
            assertThat(list(map(p.get("spec")).get("policyTypes"))).containsExactlyInAnyOrder("Ingress", "Egress");
            assertThat(map(p.get("spec"))).doesNotContainKeys("ingress", "egress");
        });
        for (Map<String, Object> workload : workloads(objects)) {
            assertThat(policies).as(Kustomize.id(workload)).anyMatch(p -> {
                Map<String, Object> selector = map(map(p.get("spec")).get("podSelector"));
                return !selector.isEmpty() && selects(selector, podLabels(workload))
                        && list(map(p.get("spec")).get("policyTypes")).contains("Ingress");
            });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void onlyTheGatewayIsExposed(String overlay) {
        List<Map<String, Object>> objects = Manifests.render(overlay);
        for (Map<String, Object> ingress : Manifests.ofKind(objects, "Ingress")) {
            for (Object rule : list(map(ingress.get("spec")).get("rules"))) {
                for (Object path : list(map(map(rule).get("http")).get("paths"))) {
                    assertThat(map(map(map(path).get("backend")).get("service")).get("name")).isEqualTo("gateway");
                    assertThat((String) map(path).get("path")).doesNotStartWith("/actuator").doesNotStartWith("/internal");
                }
            }
        }
        for (Map<String, Object> service : Manifests.ofKind(objects, "Service")) {
            assertThat(map(service.get("spec")).get("type")).as(Kustomize.id(service))
                    .isIn(null, "ClusterIP", "ExternalName");
        }
        for (Map<String, Object> policy : Manifests.ofKind(objects, "NetworkPolicy")) {
            for (Object rule : list(map(policy.get("spec")).get("ingress"))) {
                for (Object peer : list(map(rule).get("from"))) {
                    Map<String, Object> namespaces = map(map(map(peer).get("namespaceSelector")).get("matchLabels"));
                    assertThat(map(peer)).as(Kustomize.id(policy)).doesNotContainKey("ipBlock");
                    if ("ingress-nginx".equals(namespaces.get("kubernetes.io/metadata.name"))) {
                        assertThat(Kustomize.name(policy)).isEqualTo("gateway");
                    }
                }
                assertThat(map(rule)).as(Kustomize.id(policy) + ": an ingress rule without 'from' admits everyone")
                        .containsKey("from");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void internalApisAreReachableOnlyFromOrderpaysOwnServices(String overlay) {
        List<Map<String, Object>> objects = Manifests.render(overlay);
        for (String service : List.of("order-service", "inventory-service", "wallet-service", "compensation-service")) {
            Map<String, Object> policy = named(Manifests.ofKind(objects, "NetworkPolicy"), service);
            for (Object rule : list(map(policy.get("spec")).get("ingress"))) {
                for (Object peer : list(map(rule).get("from"))) {
                    Map<String, Object> pods = map(map(map(peer).get("podSelector")).get("matchLabels"));
                    if (map(peer).containsKey("namespaceSelector")) {
                        // Only Prometheus, from the monitoring namespace, besides orderpay itself.
                        assertThat(map(map(map(peer).get("namespaceSelector")).get("matchLabels")))
                                .containsEntry("kubernetes.io/metadata.name", "monitoring");
                    } else {
                        assertThat(pods.get("app.kubernetes.io/name")).as(service)
                                .isIn("gateway", "order-service", "inventory-service", "wallet-service",
                                        "compensation-service");
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void eachDatabaseIsReachableOnlyFromItsOwner(String overlay) {
        Map<String, String> owners = Map.of("order-db", "order-service", "inventory-db", "inventory-service",
                "wallet-db", "wallet-service", "compensation-db", "compensation-service", "seata-db", "seata-server");
        List<Map<String, Object>> objects = Manifests.render(overlay);
        List<Map<String, Object>> policies = Manifests.ofKind(objects, "NetworkPolicy");
        owners.forEach((database, owner) -> {
            Map<String, Object> inCluster = policies.stream().filter(p -> database.equals(Kustomize.name(p)))
                    .findFirst().orElse(null);
            if (inCluster != null) {
                // dev: the database is a pod; its policy admits its owner and nobody else.
                List<Object> from = new ArrayList<>();
                list(map(inCluster.get("spec")).get("ingress")).forEach(rule -> from.addAll(list(map(rule).get("from"))));
                assertThat(from).as(database).extracting(peer -> map(map(map(peer).get("podSelector"))
                        .get("matchLabels")).get("app.kubernetes.io/name")).containsExactly(owner);
            } else {
                // prod: an external server; only its owner's egress policy reaches its address.
                Map<String, Object> egress = named(policies, owner + "-database");
                assertThat(map(map(map(egress.get("spec")).get("podSelector")).get("matchLabels")))
                        .containsExactly(Map.entry("app.kubernetes.io/name", owner));
                Object cidr = map(map(list(map(list(map(egress.get("spec")).get("egress")).get(0)).get("to")).get(0))
                        .get("ipBlock")).get("cidr");
                assertThat(policies).filteredOn(p -> !p.equals(egress))
                        .noneMatch(p -> String.valueOf(p.get("spec")).contains(String.valueOf(cidr)));
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void servicesRunAsNonRootOnAReadOnlyRootFilesystem(String overlay) {
        for (Map<String, Object> deployment : Manifests.ofKind(Manifests.render(overlay), "Deployment")) {
            assertThat(map(podSpec(deployment).get("securityContext"))).as(Kustomize.id(deployment))
                    .containsEntry("runAsNonRoot", true).containsEntry("runAsUser", 65532);
            for (Map<String, Object> container : containers(deployment, "containers")) {
                assertThat(map(container.get("securityContext"))).containsEntry("readOnlyRootFilesystem", true)
                        .containsEntry("allowPrivilegeEscalation", false);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void eachServiceGetsEverySettingItsK8sProfileRequires(String overlay) {
        List<Map<String, Object>> objects = Manifests.render(overlay);
        Map<String, List<String>> required = Map.of(
                "gateway", List.of("ORDERPAY_INTERNAL_TOKEN", "ORDERPAY_REDIS_HOST", "ORDERPAY_REDIS_PASSWORD",
                        "ORDERPAY_JWK_SET_URI", "ORDERPAY_JWT_ISSUER", "ORDERPAY_JWT_AUDIENCE", "NACOS_SERVER_ADDR"),
                "order-service", List.of("ORDERPAY_INTERNAL_TOKEN", "ORDER_DB_URL", "ORDER_DB_USERNAME",
                        "ORDER_DB_PASSWORD", "ORDERPAY_REDIS_HOST", "ORDERPAY_REDIS_PASSWORD", "NACOS_SERVER_ADDR"),
                "inventory-service", List.of("ORDERPAY_INTERNAL_TOKEN", "INVENTORY_DB_URL", "INVENTORY_DB_USERNAME",
                        "INVENTORY_DB_PASSWORD", "NACOS_SERVER_ADDR"),
                "wallet-service", List.of("ORDERPAY_INTERNAL_TOKEN", "WALLET_DB_URL", "WALLET_DB_USERNAME",
                        "WALLET_DB_PASSWORD", "NACOS_SERVER_ADDR"),
                "compensation-service", List.of("ORDERPAY_INTERNAL_TOKEN", "COMPENSATION_DB_URL",
                        "COMPENSATION_DB_USERNAME", "COMPENSATION_DB_PASSWORD", "NACOS_SERVER_ADDR"));
        required.forEach((service, variables) -> {
            Map<String, Object> deployment = named(Manifests.ofKind(objects, "Deployment"), service);
            Map<String, Object> container = containers(deployment, "containers").get(0);
            List<String> provided = new ArrayList<>();
            list(container.get("env")).forEach(env -> provided.add((String) map(env).get("name")));
            for (Object source : list(container.get("envFrom"))) {
                String configMap = (String) map(map(source).get("configMapRef")).get("name");
                provided.addAll(map(named(Manifests.ofKind(objects, "ConfigMap"), configMap).get("data")).keySet());
            }
            assertThat(provided).as(service).containsAll(variables).contains("SPRING_PROFILES_ACTIVE");
            Map<String, Object> config = map(named(Manifests.ofKind(objects, "ConfigMap"), service).get("data"));
            assertThat(((String) config.get("SPRING_PROFILES_ACTIVE")).split(",")).contains("k8s", "nacos");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/prod"})
    void productionRunsMoreReplicasAndACoordinatorThatSharesItsStore(String overlay) {
        List<Map<String, Object>> prod = Manifests.render(overlay);
        List<Map<String, Object>> dev = Manifests.render("overlays/dev");
        for (String workload : Manifests.WORKLOADS) {
            int prodMin = minReplicas(prod, workload);
            assertThat(prodMin).as(workload).isGreaterThanOrEqualTo(2).isGreaterThan(minReplicas(dev, workload));
        }
        assertThat(Manifests.ofKind(prod, "StatefulSet")).extracting(Kustomize::name).containsExactly("nacos");
        assertThat(map(named(Manifests.ofKind(prod, "StatefulSet"), "nacos").get("spec")).get("replicas")).isEqualTo(3);
        for (String external : List.of("order-db", "inventory-db", "wallet-db", "compensation-db", "seata-db", "redis")) {
            assertThat(map(named(Manifests.ofKind(prod, "Service"), external).get("spec")).get("type"))
                    .isEqualTo("ExternalName");
        }
    }

    private static int minReplicas(List<Map<String, Object>> objects, String name) {
        return ((Number) map(named(Manifests.ofKind(objects, "HorizontalPodAutoscaler"), name).get("spec"))
                .get("minReplicas")).intValue();
    }

    /** spring.lifecycle.timeout-per-shutdown-phase of the services, from the platform's shared defaults. */
    static long shutdownPhaseSeconds() throws IOException {
        Path defaults = Manifests.ROOT.resolve("../../platform/platform-core/src/main/resources/"
                + "orderpay-platform-defaults.properties").normalize();
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(defaults)) {
            properties.load(in);
        }
        String phase = properties.getProperty("spring.lifecycle.timeout-per-shutdown-phase");
        return Duration.parse("PT" + phase.toUpperCase(java.util.Locale.ROOT)).toSeconds();
    }

    static List<Map<String, Object>> workloads(List<Map<String, Object>> objects) {
        return objects.stream().filter(o -> List.of("Deployment", "StatefulSet").contains(o.get("kind"))).toList();
    }

    static Map<String, Object> podSpec(Map<String, Object> workload) {
        return map(map(map(workload.get("spec")).get("template")).get("spec"));
    }

    static Map<String, Object> podLabels(Map<String, Object> workload) {
        return map(map(map(map(workload.get("spec")).get("template")).get("metadata")).get("labels"));
    }

    static List<Map<String, Object>> containers(Map<String, Object> workload, String field) {
        return list(podSpec(workload).get(field)).stream().map(Kustomize::map).toList();
    }

    static Map<String, Object> named(List<Map<String, Object>> objects, String name) {
        return objects.stream().filter(o -> name.equals(Kustomize.name(o))).findFirst()
                .orElseThrow(() -> new AssertionError("no object named " + name));
    }

    /** A label selector (matchLabels, matchExpressions with In) against a pod's labels. */
    static boolean selects(Object selector, Map<String, Object> labels) {
        Map<String, Object> s = map(selector);
        if (!labels.entrySet().containsAll(map(s.get("matchLabels")).entrySet())) {
            return false;
        }
        for (Object expression : list(s.get("matchExpressions"))) {
            Map<String, Object> e = map(expression);
            if (!"In".equals(e.get("operator")) || !list(e.get("values")).contains(labels.get(e.get("key")))) {
                return false;
            }
        }
        return true;
    }

    private static String httpPath(Map<String, Object> container, String probe) {
        Map<String, Object> get = map(map(container.get(probe)).get("httpGet"));
        assertThat(get.get("port")).isEqualTo("http");
        return (String) get.get("path");
    }

    /** The container port with this name or number, or null. */
    private static Integer port(Map<String, Object> container, Object nameOrNumber) {
        for (Object port : list(container.get("ports"))) {
            Map<String, Object> p = map(port);
            if (Objects.equals(p.get("name"), nameOrNumber) || Objects.equals(p.get("containerPort"), nameOrNumber)) {
                return (Integer) p.get("containerPort");
            }
        }
        return null;
    }
}
