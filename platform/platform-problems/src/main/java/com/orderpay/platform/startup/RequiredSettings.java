package com.orderpay.platform.startup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Outside the {@code local} profile nothing secret has a default: a setting whose {@code ${VARIABLE}} is not set
 * stops the start with one message naming every missing one, before any bean (a pool, a client) tries to use it.
 * The keys are listed in {@code orderpay.required-settings}; those in {@code orderpay.required-non-blank} must
 * also not be empty. Runs as a bean factory post-processor so that test property sources are already in place.
 */
public class RequiredSettings implements BeanFactoryPostProcessor, EnvironmentAware {

    public static final String KEYS = "orderpay.required-settings";
    public static final String NON_BLANK = "orderpay.required-non-blank";

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        List<String> missing = missing(environment);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Required settings are not configured: " + String.join(", ", missing)
                    + ". Set them in the environment (the local profile, for laptops only, has development"
                    + " defaults; it is active only when asked for: SPRING_PROFILES_ACTIVE=local).");
        }
    }

    /** The required settings that cannot be resolved (or are blank where they must not be), with the reason. */
    public static List<String> missing(Environment environment) {
        Set<String> nonBlank = Set.copyOf(list(environment, NON_BLANK));
        List<String> missing = new ArrayList<>();
        for (String key : list(environment, KEYS)) {
            try {
                String value = environment.getProperty(key);
                if (value == null) {
                    missing.add(key + " (not set)");
                } else if (value.isBlank() && nonBlank.contains(key)) {
                    missing.add(key + " (empty)");
                }
            } catch (IllegalArgumentException unresolved) {
                missing.add(key + " (" + unresolved.getMessage() + ")");
            }
        }
        return missing;
    }

    private static List<String> list(Environment environment, String key) {
        String value = environment.getProperty(key, "");
        return Arrays.stream(value.split(",")).map(String::trim).filter(k -> !k.isEmpty()).toList();
    }
}
