package com.orderpay.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Renders a kustomization offline, as {@code kubectl kustomize} does, for the subset of Kustomize v2.0.3 that
 * deploy/k8s uses: {@code resources} (files), {@code bases}, {@code namespace}, {@code patchesStrategicMerge} and
 * {@code images}. Any other field fails the render rather than being silently ignored; {@code KubectlAgreementTest}
 * checks this renderer against the real kubectl wherever one is installed.
 */
final class Kustomize {

    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "namespace", "bases", "resources",
            "patchesStrategicMerge", "images");
    /** Kinds without a namespace among those orderpay renders. */
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace");
    private static final Set<String> POD_OWNERS = Set.of("Deployment", "StatefulSet", "DaemonSet", "Job");

    private Kustomize() {
    }

    /** Every object of the kustomization in {@code dir}, fully transformed. */
    static List<Map<String, Object>> render(Path dir) {
        Map<String, Object> kustomization = onlyDocument(dir.resolve("kustomization.yaml"));
        for (String field : kustomization.keySet()) {
            if (!SUPPORTED.contains(field)) {
                throw new IllegalArgumentException(dir + ": field '" + field + "' is not supported by this renderer");
            }
        }
        List<Map<String, Object>> objects = new ArrayList<>();
        for (String base : strings(kustomization.get("bases"))) {
            objects.addAll(render(dir.resolve(base).normalize()));
        }
        for (String resource : strings(kustomization.get("resources"))) {
            Path file = dir.resolve(resource).normalize();
            if (Files.isDirectory(file)) {
                // Kustomize v2.0.3 takes directories under bases only.
                throw new IllegalArgumentException(dir + ": directory " + resource + " belongs under bases");
            }
            objects.addAll(documents(file));
        }
        requireUniqueIds(dir, objects);
        for (String patchFile : strings(kustomization.get("patchesStrategicMerge"))) {
            for (Map<String, Object> patch : documents(dir.resolve(patchFile))) {
                int target = indexOf(objects, kind(patch), name(patch));
                if (target < 0) {
                    throw new IllegalArgumentException(dir + ": patch " + patchFile + " targets no " + kind(patch)
                            + " " + name(patch));
                }
                objects.set(target, map(strategicMerge(objects.get(target), patch)));
            }
        }
        String namespace = (String) kustomization.get("namespace");
        if (namespace != null) {
            for (Map<String, Object> object : objects) {
                if (!CLUSTER_SCOPED.contains(kind(object))) {
                    map(object.get("metadata")).put("namespace", namespace);
                }
            }
        }
        for (Object image : list(kustomization.get("images"))) {
            Map<String, Object> rule = map(image);
            for (Map<String, Object> object : objects) {
                setImage(object, rule);
            }
        }
        return objects;
    }

    /** The documents of a YAML file, empty ones (comments only) left out. */
    static List<Map<String, Object>> documents(Path file) {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
                if (document != null) {
                    documents.add(map(document));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
        return documents;
    }

    private static Map<String, Object> onlyDocument(Path file) {
        List<Map<String, Object>> documents = documents(file);
        if (documents.size() != 1) {
            throw new IllegalArgumentException(file + " must hold exactly one document");
        }
        return documents.get(0);
    }

    /**
     * Strategic merge as the API server does it for the fields patched here: maps merge key by key, a null
     * deletes, lists of named items (containers, env, volumes) merge by name, other lists are replaced.
     */
    static Object strategicMerge(Object target, Object patch) {
        if (patch instanceof Map<?, ?> patchMap && target instanceof Map<?, ?> targetMap) {
            Map<String, Object> merged = new LinkedHashMap<>(map(targetMap));
            for (Map.Entry<?, ?> entry : patchMap.entrySet()) {
                String key = (String) entry.getKey();
                if (entry.getValue() == null) {
                    merged.remove(key);
                } else {
                    merged.put(key, strategicMerge(merged.get(key), entry.getValue()));
                }
            }
            return merged;
        }
        if (patch instanceof List<?> patchList && target instanceof List<?> targetList && named(patchList)
                && named(targetList)) {
            List<Object> merged = new ArrayList<>(targetList);
            for (Object item : patchList) {
                Object itemName = map(item).get("name");
                int at = -1;
                for (int i = 0; i < merged.size(); i++) {
                    if (itemName.equals(map(merged.get(i)).get("name"))) {
                        at = i;
                    }
                }
                if (at < 0) {
                    merged.add(item);
                } else {
                    merged.set(at, strategicMerge(merged.get(at), item));
                }
            }
            return merged;
        }
        return patch;
    }

    private static boolean named(List<?> list) {
        return !list.isEmpty() && list.stream().allMatch(item -> item instanceof Map<?, ?> m && m.get("name") != null);
    }

    /** The images transformer: {@code name} matches an image without its tag or digest. */
    private static void setImage(Map<String, Object> object, Map<String, Object> rule) {
        if (!POD_OWNERS.contains(kind(object))) {
            return;
        }
        Map<String, Object> podSpec = map(map(map(object.get("spec")).get("template")).get("spec"));
        for (String field : List.of("initContainers", "containers")) {
            for (Object container : list(podSpec.get(field))) {
                Map<String, Object> c = map(container);
                String image = (String) c.get("image");
                String repository = repository(image);
                if (!repository.equals(rule.get("name"))) {
                    continue;
                }
                String reference = image.substring(repository.length());
                String newName = rule.get("newName") != null ? (String) rule.get("newName") : repository;
                if (rule.get("digest") != null) {
                    reference = "@" + rule.get("digest");
                } else if (rule.get("newTag") != null) {
                    reference = ":" + rule.get("newTag");
                }
                c.put("image", newName + reference);
            }
        }
    }

    /** An image without its tag or digest; a registry's port is not a tag. */
    static String repository(String image) {
        int digest = image.indexOf('@');
        String withoutDigest = digest >= 0 ? image.substring(0, digest) : image;
        int colon = withoutDigest.lastIndexOf(':');
        return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.substring(0, colon) : withoutDigest;
    }

    private static void requireUniqueIds(Path dir, List<Map<String, Object>> objects) {
        Set<String> seen = new java.util.HashSet<>();
        for (Map<String, Object> object : objects) {
            if (!seen.add(id(object))) {
                throw new IllegalArgumentException(dir + ": " + id(object) + " is defined twice");
            }
        }
    }

    private static int indexOf(List<Map<String, Object>> objects, String kind, String name) {
        for (int i = 0; i < objects.size(); i++) {
            if (kind(objects.get(i)).equals(kind) && name(objects.get(i)).equals(name)) {
                return i;
            }
        }
        return -1;
    }

    static String id(Map<String, Object> object) {
        return object.get("apiVersion") + " " + kind(object) + " " + name(object);
    }

    static String kind(Map<String, Object> object) {
        return (String) object.get("kind");
    }

    static String name(Map<String, Object> object) {
        return (String) map(object.get("metadata")).get("name");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value == null ? new LinkedHashMap<>() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }

    private static List<String> strings(Object value) {
        return list(value).stream().map(String.class::cast).toList();
    }
}
