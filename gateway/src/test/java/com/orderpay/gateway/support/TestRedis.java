package com.orderpay.gateway.support;

import com.orderpay.devstack.EmbeddedRedis;

/** One real Redis for the rate limits of every gateway test in this JVM (devstack's embedded Redis 6.2). */
public final class TestRedis {

    private static EmbeddedRedis redis;

    private TestRedis() {
    }

    public static synchronized int port() {
        if (redis == null) {
            redis = EmbeddedRedis.start(0);
            Runtime.getRuntime().addShutdownHook(new Thread(redis::close, "gateway-test-redis-shutdown"));
        }
        return redis.port();
    }
}
