package com.orderpay.deploy;

import com.google.gson.Gson;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;

/**
 * Strict validation against the Kubernetes 1.32 API: each object is bound to the generated model of its
 * apiVersion and kind ({@code io.kubernetes:client-java-api}), whose validators reject any field the schema does
 * not define and any required field that is missing, at every depth. A kind with no model here is an error.
 */
final class KubernetesSchema {

    private static final Gson GSON = new Gson();
    private static final Map<String, Class<?>> MODELS = Map.of(
            "v1/Namespace", V1Namespace.class,
            "v1/ConfigMap", V1ConfigMap.class,
            "v1/Service", V1Service.class,
            "apps/v1/Deployment", V1Deployment.class,
            "apps/v1/StatefulSet", V1StatefulSet.class,
            "autoscaling/v2/HorizontalPodAutoscaler", V2HorizontalPodAutoscaler.class,
            "policy/v1/PodDisruptionBudget", V1PodDisruptionBudget.class,
            "networking.k8s.io/v1/NetworkPolicy", V1NetworkPolicy.class,
            "networking.k8s.io/v1/Ingress", V1Ingress.class);

    private KubernetesSchema() {
    }

    /** @throws IllegalArgumentException naming the object and what is wrong with it */
    static void validate(Map<String, Object> object) {
        String id = Kustomize.id(object);
        Class<?> model = MODELS.get(object.get("apiVersion") + "/" + object.get("kind"));
        if (model == null) {
            throw new IllegalArgumentException(id + ": no Kubernetes schema known for this apiVersion and kind");
        }
        try {
            model.getMethod("fromJson", String.class).invoke(null, GSON.toJson(object));
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(id + ": " + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
