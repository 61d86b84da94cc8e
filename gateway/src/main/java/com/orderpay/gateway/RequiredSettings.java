package com.orderpay.gateway;

import java.util.List;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Boot binds a setting whose {@code ${VARIABLE}} is not set as that literal text. For these that must stop the
 * start instead: the k8s profile gives secrets and endpoints no defaults on purpose.
 */
@Component
class RequiredSettings implements InitializingBean {

    private static final List<String> KEYS = List.of(
            "orderpay.identity.internal-token",
            "orderpay.jwt.secret",
            "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
            "spring.data.redis.host",
            "spring.data.redis.password");

    private final Environment environment;

    RequiredSettings(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void afterPropertiesSet() {
        for (String key : KEYS) {
            try {
                environment.getProperty(key);
            } catch (IllegalArgumentException unresolved) {
                throw new IllegalStateException("Setting " + key + " is not configured: " + unresolved.getMessage(),
                        unresolved);
            }
        }
    }
}
