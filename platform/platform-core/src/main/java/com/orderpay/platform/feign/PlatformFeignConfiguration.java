package com.orderpay.platform.feign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpay.platform.identity.IdentityHeaders;
import com.orderpay.platform.identity.IdentityProperties;
import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import com.orderpay.platform.tracing.RequestIdFilter;
import feign.RequestInterceptor;
import feign.Response;
import feign.codec.ErrorDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.seata.core.context.RootContext;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ClassUtils;

/**
 * Every Feign call between services carries the internal credential, the request id and, inside a global
 * transaction, the Seata XID ({@code TX_XID}): the Seata starter only receives it, it does not send it.
 * Errors come back as {@link ProblemException}s with the callee's code, so they propagate unchanged.
 */
@AutoConfiguration
@ConditionalOnClass(RequestInterceptor.class)
public class PlatformFeignConfiguration {

    /** RFC 9457's own members; everything else in a problem body is an extension member. */
    private static final Set<String> STANDARD_MEMBERS = Set.of("type", "title", "status", "detail", "instance");

    private static final boolean SEATA_PRESENT =
            ClassUtils.isPresent("org.apache.seata.core.context.RootContext", PlatformFeignConfiguration.class.getClassLoader());

    @Bean
    RequestInterceptor orderpayHopInterceptor(IdentityProperties identity) {
        return template -> {
            template.header(IdentityHeaders.INTERNAL_TOKEN, identity.internalToken());
            String requestId = MDC.get(RequestIdFilter.MDC_KEY);
            if (requestId != null) {
                template.header(RequestIdFilter.HEADER, requestId);
            }
            if (SEATA_PRESENT) {
                String xid = RootContext.getXID();
                if (xid != null) {
                    template.header(RootContext.KEY_XID, xid);
                }
            }
        };
    }

    @Bean
    ErrorDecoder orderpayProblemDecoder(ObjectMapper objectMapper) {
        return (methodKey, response) -> decode(objectMapper, methodKey, response);
    }

    static Exception decode(ObjectMapper objectMapper, String methodKey, Response response) {
        JsonNode body = readBody(objectMapper, response);
        String type = body == null ? null : body.path("type").asText(null);
        String detail = body == null ? null : body.path("detail").asText(null);
        var code = ProblemCode.fromType(type);
        if (code.isPresent() && response.status() < 500 && code.get() != ProblemCode.UNAUTHORIZED) {
            return new ProblemException(code.get(), detail == null ? code.get().title() : detail,
                    businessMembers(objectMapper, code.get(), body));
        }
        // A 5xx or an unexpected answer from a sibling: to our caller that sibling is unavailable.
        return new ProblemException(ProblemCode.SERVICE_UNAVAILABLE,
                "A dependency failed (" + methodKey + " answered " + response.status() + ")",
                Map.of("dependencyStatus", response.status()));
    }

    /**
     * A sibling's business answer (404, 409: which SKU is unknown, how many units are available) reaches our caller
     * with its extension members; a 400's members describe our own internal request, never the caller's.
     */
    private static Map<String, Object> businessMembers(ObjectMapper objectMapper, ProblemCode code, JsonNode body) {
        int status = code.status().value();
        if ((status != 404 && status != 409) || !body.isObject()) {
            return Map.of();
        }
        Map<String, Object> members = new LinkedHashMap<>();
        body.fields().forEachRemaining(field -> {
            if (!STANDARD_MEMBERS.contains(field.getKey()) && !field.getValue().isNull()) {
                members.put(field.getKey(), objectMapper.convertValue(field.getValue(), Object.class));
            }
        });
        return members;
    }

    private static JsonNode readBody(ObjectMapper objectMapper, Response response) {
        if (response.body() == null) {
            return null;
        }
        try (InputStream in = response.body().asInputStream()) {
            return objectMapper.readTree(in);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
