package com.orderpay.deploy;

import static com.orderpay.deploy.Kustomize.list;
import static com.orderpay.deploy.Kustomize.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The SRE's view: the PrometheusRule holds the service-level objectives, each alert leads to its runbook section,
 * the PodMonitors find the pods the overlays run, and the Grafana dashboard is well formed. (That the metrics they
 * query really exist is checked against the running system in system-tests.)
 */
class MonitoringTest {

    private static final Pattern METRIC = Pattern.compile("\\b(orderpay_[a-z0-9_]+|up|http_server_requests_seconds_count|jvm_memory_used_bytes)\\b");

    @Test
    void theRuleHoldsEveryServiceLevelObjectiveOfTheIssue() {
        Map<String, Map<String, Object>> alerts = alerts();

        assertThat(alerts).containsKeys("OrderSuccessBelowSLO", "PaymentSuccessBelowSLO", "OrderLatencyAboveSLO",
                "OrdersStuckAwaitingPayment", "ReconciliationFindings", "CoordinatorUnreachable");
        assertThat(expr(alerts, "OrderSuccessBelowSLO")).contains("< 0.995");
        assertThat(expr(alerts, "PaymentSuccessBelowSLO")).contains("< 0.999");
        assertThat(expr(alerts, "OrderLatencyAboveSLO")).contains("histogram_quantile(0.99").contains("> 0.5");
        assertThat(expr(alerts, "OrdersStuckAwaitingPayment")).contains("orderpay_orders_awaiting_payment_stale")
                .contains("> 10");
        assertThat(expr(alerts, "ReconciliationFindings")).contains("orderpay_reconciliation_findings_total")
                .contains("> 0");
        assertThat(expr(alerts, "CoordinatorUnreachable")).contains("up{job=\"orderpay/seata-server\"}",
                "orderpay_coordinator_connected");
    }

    @Test
    void everyAlertHasASeverityASummaryAndARunbookSectionThatExists() throws IOException {
        String runbook = Files.readString(Manifests.ROOT.resolve("../RUNBOOK.md"));
        List<String> anchors = new ArrayList<>();
        for (String line : runbook.split("\n")) {
            if (line.startsWith("#")) {
                anchors.add(line.replaceFirst("^#+\\s*", "").trim().toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9 -]", "").replace(' ', '-'));
            }
        }
        alerts().forEach((name, rule) -> {
            assertThat(map(rule.get("labels")).get("severity")).as(name).isIn("page", "ticket");
            Map<String, Object> annotations = map(rule.get("annotations"));
            assertThat(annotations).as(name).containsKeys("summary", "description", "runbook_url");
            String url = (String) annotations.get("runbook_url");
            assertThat(url).as(name).startsWith("deploy/RUNBOOK.md#");
            assertThat(anchors).as(name + ": a section of deploy/RUNBOOK.md").contains(url.substring(url.indexOf('#') + 1));
        });
    }

    @Test
    void theMonitoringObjectsHoldOnlyFieldsTheOperatorKnows() {
        for (Map<String, Object> object : Manifests.render("monitoring")) {
            assertThat(object.get("apiVersion")).isEqualTo("monitoring.coreos.com/v1");
            assertThat(object).containsOnlyKeys("apiVersion", "kind", "metadata", "spec");
            assertThat(map(object.get("metadata")).keySet()).isSubsetOf("name", "namespace", "labels");
            assertThat(map(object.get("metadata"))).containsEntry("namespace", "orderpay");
            Map<String, Object> spec = map(object.get("spec"));
            if ("PrometheusRule".equals(object.get("kind"))) {
                assertThat(spec).containsOnlyKeys("groups");
                for (Object group : list(spec.get("groups"))) {
                    assertThat(map(group)).containsOnlyKeys("name", "rules");
                    for (Object rule : list(map(group).get("rules"))) {
                        assertThat(map(rule)).containsKeys("alert", "expr");
                        assertThat(map(rule).keySet()).isSubsetOf("alert", "expr", "for", "labels", "annotations");
                    }
                }
            } else {
                assertThat(object.get("kind")).isEqualTo("PodMonitor");
                assertThat(spec).containsOnlyKeys("selector", "podMetricsEndpoints");
                for (Object endpoint : list(spec.get("podMetricsEndpoints"))) {
                    assertThat(map(endpoint).keySet()).isSubsetOf("port", "path", "interval");
                }
            }
        }
    }

    @Test
    void thePodMonitorsFindEveryServiceAndTheCoordinatorOnANamedPort() {
        List<Map<String, Object>> monitors = Manifests.ofKind(Manifests.render("monitoring"), "PodMonitor");
        for (String overlay : List.of("overlays/dev", "overlays/prod")) {
            for (Map<String, Object> deployment : Manifests.ofKind(Manifests.render(overlay), "Deployment")) {
                Map<String, Object> labels = DeploymentRulesTest.podLabels(deployment);
                Map<String, Object> monitor = monitors.stream()
                        .filter(m -> DeploymentRulesTest.selects(map(m.get("spec")).get("selector"), labels))
                        .findFirst().orElseThrow(() -> new AssertionError("no PodMonitor for " + Kustomize.name(deployment)));
                Map<String, Object> endpoint = map(list(map(monitor.get("spec")).get("podMetricsEndpoints")).get(0));
                assertThat(DeploymentRulesTest.containers(deployment, "containers").get(0).get("ports").toString())
                        .as(Kustomize.name(deployment)).contains("name=" + endpoint.get("port"));
            }
        }
    }

    @Test
    void theDashboardIsWellFormedAndCoversEveryObjective() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(Manifests.ROOT.resolve("monitoring/grafana/orderpay.json").toFile());

        assertThat(dashboard.path("uid").asText()).isEqualTo("orderpay-overview");
        Set<String> metrics = new java.util.TreeSet<>();
        List<String> titles = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            titles.add(panel.path("title").asText());
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            assertThat(panel.path("targets").size()).as(panel.path("title").asText()).isPositive();
            for (JsonNode target : panel.path("targets")) {
                Matcher matcher = METRIC.matcher(target.path("expr").asText());
                while (matcher.find()) {
                    metrics.add(matcher.group(1));
                }
            }
        }
        assertThat(titles).anyMatch(t -> t.contains("99.5")).anyMatch(t -> t.contains("99.9"))
                .anyMatch(t -> t.contains("500 ms")).anyMatch(t -> t.contains("30 min"));
        // Everything the alerts watch is on the dashboard too.
        for (Map<String, Object> rule : alerts().values()) {
            Matcher matcher = METRIC.matcher((String) rule.get("expr"));
            while (matcher.find()) {
                assertThat(metrics).contains(matcher.group(1));
            }
        }
    }

    private static Map<String, Map<String, Object>> alerts() {
        Map<String, Map<String, Object>> alerts = new java.util.LinkedHashMap<>();
        Map<String, Object> rule = Manifests.ofKind(Manifests.render("monitoring"), "PrometheusRule").get(0);
        for (Object group : list(map(rule.get("spec")).get("groups"))) {
            for (Object r : list(map(group).get("rules"))) {
                alerts.put((String) map(r).get("alert"), map(r));
            }
        }
        return alerts;
    }

    private static String expr(Map<String, Map<String, Object>> alerts, String name) {
        return ((String) alerts.get(name).get("expr")).replaceAll("\\s+", " ");
    }
}
