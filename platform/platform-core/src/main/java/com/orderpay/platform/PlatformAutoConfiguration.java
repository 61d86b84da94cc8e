package com.orderpay.platform;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.orderpay.platform.identity.CallerArgumentResolver;
import com.orderpay.platform.identity.GatewayIdentityFilter;
import com.orderpay.platform.identity.IdentityProperties;
import com.orderpay.platform.idempotency.IdempotencyProperties;
import com.orderpay.platform.idempotency.IdempotentRequests;
import com.orderpay.platform.database.MigrationDataSource;
import com.orderpay.platform.idempotency.PlatformSchema;
import com.orderpay.platform.money.MoneyJsonModule;
import com.orderpay.platform.problem.ActuatorErrorProblems;
import com.orderpay.platform.problem.ProblemDetailsAdvice;
import com.orderpay.platform.problem.ProblemErrorReportValve;
import com.orderpay.platform.problem.ProblemErrorController;
import com.orderpay.platform.problem.SqlErrorCodesAtStartup;
import com.orderpay.platform.request.AcceptableAnswerGuard;
import com.orderpay.platform.request.BodilessRequestGuard;
import com.orderpay.platform.request.ContentEncodingGuard;
import com.orderpay.platform.request.QueryParameterGuard;
import com.orderpay.platform.request.RequestPathGuard;
import com.orderpay.platform.request.TraceRefusal;
import com.orderpay.platform.startup.RequiredSettings;
import com.orderpay.platform.tracing.AccessLogFilter;
import com.orderpay.platform.tracing.RequestIdFilter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.AbstractJackson2HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;

/** Wires the platform into every servlet service: nothing to declare in the service itself. */
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
        DataSourceTransactionManagerAutoConfiguration.class},
        before = ErrorMvcAutoConfiguration.class)
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
    ProblemErrorController problemErrorController() {
        return new ProblemErrorController();
    }

    /** Outside the local profile, secrets have no defaults: a missing one stops the start, naming it. */
    @Bean
    static RequiredSettings requiredSettings() {
        return new RequiredSettings();
    }

    /**
     * Tomcat would refuse {@code %2F} itself, with a bare 400; let it through to the path guard's problem answer. And
     * TRACE: Tomcat answers it with a bare 405 before any filter, so before the internal-credential check; let in, it
     * meets that check, then TraceRefusal's 405 problem+json (and never the servlet, which would echo it).
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashesReachThePathGuard() {
        return factory -> factory.addConnectorCustomizers(connector -> {
            connector.setEncodedSolidusHandling("passthrough");
            connector.setAllowTrace(true);
        });
    }

    /** Requests Tomcat refuses before any servlet (headers too large or too many) are answered in problem+json. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> tomcatErrorsAsProblems() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof org.apache.catalina.core.StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }

    @Bean
    FilterRegistrationBean<RequestPathGuard> requestPathGuard(ObjectMapper objectMapper) {
        FilterRegistrationBean<RequestPathGuard> registration =
                new FilterRegistrationBean<>(new RequestPathGuard(objectMapper));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }

    @Bean
    FilterRegistrationBean<AcceptableAnswerGuard> acceptableAnswerGuard(ObjectMapper objectMapper) {
        FilterRegistrationBean<AcceptableAnswerGuard> registration =
                new FilterRegistrationBean<>(new AcceptableAnswerGuard(objectMapper));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 6);
        return registration;
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
    FilterRegistrationBean<TraceRefusal> traceRefusal(ObjectMapper objectMapper,
            ObjectProvider<HandlerMappingIntrospector> introspector) {
        FilterRegistrationBean<TraceRefusal> registration = new FilterRegistrationBean<>(new TraceRefusal(objectMapper,
                () -> introspector.getObject().getHandlerMappings()));
        // Right after the credential check: an anonymous TRACE is a 401 as any other request is.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ActuatorErrorProblems> actuatorErrorProblems() {
        FilterRegistrationBean<ActuatorErrorProblems> registration = new FilterRegistrationBean<>(new ActuatorErrorProblems());
        registration.addUrlPatterns("/actuator/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 12);
        return registration;
    }

    /**
     * Request bodies are read strictly: an unknown field ({@code "paynow": false} would silently pay now), a number
     * where text is expected or {@code 1.5} units are a 400, never a guess. Only what the service receives: the
     * answers it reads from siblings stay tolerant of fields they add, so services can be deployed one at a time.
     */
    @Bean
    WebMvcConfigurer strictRequestBodies() {
        return new WebMvcConfigurer() {
            @Override
            public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
                converters.replaceAll(converter -> converter instanceof MappingJackson2HttpMessageConverter json
                        ? new MappingJackson2HttpMessageConverter(strict(json.getObjectMapper().copy()))
                        : converter);
                // The contract is JSON. YAML (on the class path for springdoc) was read past every rule above
                // ("paynow: false" ignored, money as a number) and written with money as numbers: a 415 now.
                converters.removeIf(converter -> converter instanceof AbstractJackson2HttpMessageConverter jackson
                        && jackson.getSupportedMediaTypes().stream().anyMatch(MediaType.APPLICATION_YAML::includes));
            }
        };
    }

    private static ObjectMapper strict(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        // ALLOW_COERCION_OF_SCALARS leaves a number or a boolean where text belongs ({"skuId": 1}) read as text.
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
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

    @Bean
    WebMvcConfigurer requestShapeGuards() {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new ContentEncodingGuard());
                registry.addInterceptor(new BodilessRequestGuard());
                registry.addInterceptor(new QueryParameterGuard());
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

        /** The service's own migrations, like the platform's, are not bound by the statements' socket timeout. */
        @Bean
        FlywayConfigurationCustomizer migrationsTakeAsLongAsTheyNeed() {
            return configuration -> configuration.dataSource(new MigrationDataSource(configuration.getDataSource()));
        }

        @Bean
        SqlErrorCodesAtStartup sqlErrorCodesAtStartup(List<DataSource> dataSources) {
            return new SqlErrorCodesAtStartup(dataSources);
        }

        @Bean
        IdempotentRequests idempotentRequests(PlatformSchema schema, JdbcTemplate jdbc, ObjectMapper objectMapper,
                IdempotencyProperties properties, Clock clock, PlatformTransactionManager transactionManager,
                Environment environment) {
            return new IdempotentRequests(jdbc, objectMapper, properties, clock,
                    new TransactionTemplate(transactionManager), instanceId(environment));
        }

        /**
         * Who holds a key in flight: the host (the pod's name in Kubernetes) and the port, stable across a restart
         * of the same instance; a random name when the port is chosen at start (tests), which frees nothing.
         */
        static String instanceId(Environment environment) {
            String configured = environment.getProperty("orderpay.idempotency.instance-id");
            if (configured != null && !configured.isBlank()) {
                return configured;
            }
            String port = environment.getProperty("server.port", "8080");
            if ("0".equals(port.trim())) {
                return environment.getProperty("spring.application.name", "service") + "@" + UUID.randomUUID();
            }
            String host = System.getenv("HOSTNAME");
            if (host == null || host.isBlank()) {
                try {
                    host = InetAddress.getLocalHost().getHostName();
                } catch (UnknownHostException e) {
                    host = "localhost";
                }
            }
            return environment.getProperty("spring.application.name", "service") + "@" + host + ":" + port.trim();
        }
    }
}
