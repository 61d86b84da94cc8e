package com.orderpay.gateway.network;

import io.netty.resolver.DefaultAddressResolverGroup;
import org.springframework.boot.autoconfigure.data.redis.ClientResourcesBuilderCustomizer;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Host names are resolved by the JVM (its cache, /etc/hosts, the system resolver), not by Netty's own DNS client, for
 * the routes' HTTP client and for Redis (the rate limits). Netty's client keeps a UDP socket bound on every interface
 * for the life of the process, which a machine running everything on loopback must not have; the JVM's lookups are
 * needed only when a new connection is opened to a host not seen in the last 30 s.
 */
@Configuration(proxyBeanMethods = false)
class JvmNameResolution {

    @Bean
    HttpClientCustomizer jvmNameResolutionForRoutes() {
        return httpClient -> httpClient.resolver(DefaultAddressResolverGroup.INSTANCE);
    }

    @Bean
    ClientResourcesBuilderCustomizer jvmNameResolutionForRedis() {
        return resources -> resources.addressResolverGroup(DefaultAddressResolverGroup.INSTANCE);
    }
}
