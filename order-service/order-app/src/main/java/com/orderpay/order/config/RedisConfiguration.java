package com.orderpay.order.config;

import io.netty.resolver.DefaultAddressResolverGroup;
import org.redisson.spring.starter.RedissonAutoConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Redis speeds things up (the first expiry layer) but is never required: connecting lazily lets order-service start,
 * place orders and expire them through its database layer while Redis is down.
 */
@Configuration(proxyBeanMethods = false)
class RedisConfiguration {

    @Bean
    RedissonAutoConfigurationCustomizer lazyRedisConnections() {
        return config -> config.setLazyInitialization(true);
    }

    /**
     * Redis's host name is resolved by the JVM, not by Netty's DNS client: that one keeps a UDP socket bound on every
     * interface per event loop (17 in this service) for the life of the process, which a machine running everything
     * on loopback must not have. Redisson resolves only when it connects, and every 5 s for its DNS monitor (the
     * JVM's cache answers that).
     */
    @Bean
    RedissonAutoConfigurationCustomizer jvmNameResolution() {
        return config -> config.setAddressResolverGroupFactory((datagramChannel, socketChannel, nameServers) ->
                DefaultAddressResolverGroup.INSTANCE);
    }
}
