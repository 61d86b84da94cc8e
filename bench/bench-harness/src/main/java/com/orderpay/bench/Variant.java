package com.orderpay.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One configuration of the system under test, so that A and B are measured side by side in one run: the build to
 * start (a checkout's root with its jars packaged) and Spring properties per service ({@code all} for every one).
 * Written {@code name|root=DIR|order-service:key=value|all:key=value}; {@code devstack:key=value} sets a system
 * property of the launcher itself while this variant starts (e.g. {@code orderpay.devstack.young-gen=ergonomic}).
 */
public record Variant(String name, Path root, Map<String, Map<String, String>> properties) {

    static Variant parse(String spec, Path defaultRoot) {
        String[] parts = spec.split("\\|");
        Path root = defaultRoot;
        Map<String, Map<String, String>> properties = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].trim();
            if (part.startsWith("root=")) {
                root = Path.of(part.substring("root=".length())).toAbsolutePath().normalize();
                continue;
            }
            int colon = part.indexOf(':');
            int equals = part.indexOf('=', colon + 1);
            if (colon < 1 || equals < 0) {
                throw new IllegalArgumentException("Variant part '" + part + "': expected service:key=value or root=DIR");
            }
            properties.computeIfAbsent(part.substring(0, colon), s -> new LinkedHashMap<>())
                    .put(part.substring(colon + 1, equals), part.substring(equals + 1));
        }
        return new Variant(parts[0].trim(), root, properties);
    }

    /** The properties for one service: those given for {@code all}, then its own. */
    Map<String, String> propertiesOf(String service) {
        Map<String, String> merged = new LinkedHashMap<>(properties.getOrDefault("all", Map.of()));
        merged.putAll(properties.getOrDefault(service, Map.of()));
        return merged;
    }

    /** Sets the launcher's own settings for this variant (and clears those another variant set). */
    void applyToLauncher(java.util.Set<String> known) {
        known.forEach(System::clearProperty);
        properties.getOrDefault("devstack", Map.of()).forEach((key, value) -> {
            System.setProperty(key, value);
            known.add(key);
        });
    }

    String describe() {
        StringBuilder text = new StringBuilder(name);
        if (!properties.isEmpty()) {
            text.append(" ").append(properties);
        }
        return text.toString();
    }
}
