package com.orderpay.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Settings every service shares (probes, metrics, log correlation, Seata client basics), at the lowest
 * precedence: a service's application.yml or the environment overrides any of them. Profile files come before the
 * shared one: under {@code local} the development defaults of secrets, under {@code k8s} the shared cluster settings
 * (JSON logs, the coordinator through Nacos).
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        // Runs after the config data, so the active profiles are known.
        if (environment.matchesProfiles("local")) {
            load(environment, "orderpay-platform-local");
        }
        if (environment.matchesProfiles("k8s")) {
            load(environment, "orderpay-platform-k8s");
        }
        load(environment, "orderpay-platform-defaults");
    }

    private static void load(ConfigurableEnvironment environment, String name) {
        try {
            for (PropertySource<?> source : new PropertiesPropertySourceLoader()
                    .load(name, new ClassPathResource(name + ".properties"))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
