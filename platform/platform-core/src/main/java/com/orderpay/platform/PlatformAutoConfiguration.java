package com.orderpay.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpay.platform.identity.CallerArgumentResolver;
import com.orderpay.platform.identity.GatewayIdentityFilter;
import com.orderpay.platform.identity.IdentityProperties;
import com.orderpay.platform.idempotency.IdempotencyProperties;
import com.orderpay.platform.idempotency.IdempotentRequests;
import com.orderpay.platform.idempotency.PlatformSchema;
import com.orderpay.platform.money.MoneyJsonModule;
import com.orderpay.platform.problem.ProblemDetailsAdvice;
import com.orderpay.platform.tracing.AccessLogFilter;
import com.orderpay.platform.tracing.RequestIdFilter;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Wires the platform into every servlet service: nothing to declare in the service itself. */
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties({IdentityProperties.class, IdempotencyProperties.class})
@EnableScheduling
public class PlatformAutoConfiguration {

    @Bean
    MoneyJsonModule moneyJsonModule() {
        return new MoneyJsonModule();
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ProblemDetailsAdvice problemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Inside the observation filter (HIGHEST_PRECEDENCE + 1), so that its line carries the trace id. */
    @Bean
    FilterRegistrationBean<AccessLogFilter> accessLogFilter() {
        FilterRegistrationBean<AccessLogFilter> registration = new FilterRegistrationBean<>(new AccessLogFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    @Bean
    FilterRegistrationBean<GatewayIdentityFilter> gatewayIdentityFilter(IdentityProperties identity, ObjectMapper objectMapper) {
        FilterRegistrationBean<GatewayIdentityFilter> registration =
                new FilterRegistrationBean<>(new GatewayIdentityFilter(identity, objectMapper));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    WebMvcConfigurer callerArgumentResolverConfigurer() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }
        };
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(DataSource.class)
    static class PersistenceConfiguration {

        @Bean
        PlatformSchema platformSchema(DataSource dataSource) {
            return new PlatformSchema(dataSource);
        }

        @Bean
        IdempotentRequests idempotentRequests(PlatformSchema schema, JdbcTemplate jdbc, ObjectMapper objectMapper,
                IdempotencyProperties properties, Clock clock) {
            return new IdempotentRequests(jdbc, objectMapper, properties, clock);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "feign.FeignException")
    static class FeignErrorConfiguration {

        @Bean
        com.orderpay.platform.feign.DependencyFailureAdvice dependencyFailureAdvice() {
            return new com.orderpay.platform.feign.DependencyFailureAdvice();
        }
    }
}
