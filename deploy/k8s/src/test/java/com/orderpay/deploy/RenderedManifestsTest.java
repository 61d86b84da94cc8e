package com.orderpay.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kustomization renders offline, and every object it renders is valid against the Kubernetes schemas. */
class RenderedManifestsTest {

    static List<String> kustomizations() {
        return Manifests.kustomizations();
    }

    @Test
    void theOverlaysTheBaseAndEachServiceAloneAreAllHere() {
        assertThat(kustomizations()).contains("overlays/dev", "overlays/prod", "base", "base/platform");
        for (String workload : Manifests.WORKLOADS) {
            assertThat(kustomizations()).contains("base/" + workload, "overlays/prod/" + workload);
        }
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void everyRenderedObjectIsValidAgainstTheKubernetesSchemas(String kustomization) {
        List<Map<String, Object>> objects = Manifests.render(kustomization);

        assertThat(objects).isNotEmpty();
        for (Map<String, Object> object : objects) {
            KubernetesSchema.validate(object);
        }
    }

    @Test
    void aFieldTheSchemaDoesNotKnowIsRejected() {
        Map<String, Object> deployment = deploymentOfOrderService();
        Map<String, Object> container = firstContainer(deployment);
        container.put("livenessProbes", container.remove("livenessProbe"));

        assertThatThrownBy(() -> KubernetesSchema.validate(deployment))
                .hasMessageContaining("livenessProbes");
    }

    @Test
    void aMissingRequiredFieldIsRejected() {
        Map<String, Object> deployment = deploymentOfOrderService();
        firstContainer(deployment).remove("name");

        assertThatThrownBy(() -> KubernetesSchema.validate(deployment))
                .hasMessageContaining("name");
    }

    @Test
    void aKindWithoutASchemaIsRejected() {
        Map<String, Object> unknown = new java.util.LinkedHashMap<>(Map.of("apiVersion", "example.com/v1",
                "kind", "Widget", "metadata", Map.of("name", "w")));

        assertThatThrownBy(() -> KubernetesSchema.validate(unknown)).hasMessageContaining("no Kubernetes schema");
    }

    private static Map<String, Object> deploymentOfOrderService() {
        return Manifests.ofKind(Manifests.render("base/order-service"), "Deployment").get(0);
    }

    private static Map<String, Object> firstContainer(Map<String, Object> deployment) {
        Map<String, Object> podSpec = Kustomize.map(Kustomize.map(Kustomize.map(deployment.get("spec")).get("template"))
                .get("spec"));
        return Kustomize.map(Kustomize.list(podSpec.get("containers")).get(0));
    }
}
