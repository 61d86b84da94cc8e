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
import java.util.Map;
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
            return new ProblemException(code.get(), detail == null ? code.get().title() : detail);
        }
        // A 5xx or an unexpected answer from a sibling: to our caller that sibling is unavailable.
        return new ProblemException(ProblemCode.SERVICE_UNAVAILABLE,
                "A dependency failed (" + methodKey + " answered " + response.status() + ")",
                Map.of("dependencyStatus", response.status()));
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
