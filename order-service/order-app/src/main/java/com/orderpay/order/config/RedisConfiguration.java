package com.orderpay.order.config;

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
}
