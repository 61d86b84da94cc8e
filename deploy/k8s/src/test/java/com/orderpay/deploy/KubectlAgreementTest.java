package com.orderpay.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Keeps the offline renderer honest: where a kubectl is installed (the java-maven machines ship one, with
 * Kustomize v5), it must render every kustomization to exactly the same objects. Skipped, and reported as skipped,
 * where there is none.
 */
class KubectlAgreementTest {

    static List<String> kustomizations() {
        return Manifests.allKustomizations();
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void kubectlRendersTheSameObjects(String kustomization) throws IOException, InterruptedException {
        assumeTrue(kubectlPresent(), "no kubectl on this machine");

        assertThat(byId(kubectlKustomize(kustomization))).isEqualTo(byId(Manifests.render(kustomization)));
    }

    private static Map<String, Map<String, Object>> byId(List<Map<String, Object>> objects) {
        Map<String, Map<String, Object>> byId = new TreeMap<>();
        objects.forEach(o -> byId.put(Kustomize.id(o), o));
        return byId;
    }

    private static List<Map<String, Object>> kubectlKustomize(String kustomization)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder("kubectl", "kustomize", Manifests.ROOT.resolve(kustomization).toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("kubectl kustomize " + kustomization).isZero();
        List<Map<String, Object>> objects = new java.util.ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(new StringReader(out))) {
            if (document != null) {
                objects.add(Kustomize.map(document));
            }
        }
        return objects;
    }

    private static boolean kubectlPresent() {
        try {
            Process process = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
