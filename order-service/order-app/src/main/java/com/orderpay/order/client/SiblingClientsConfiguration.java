package com.orderpay.order.client;

import org.springframework.context.annotation.Configuration;

/**
 * Feign's default client is the JDK's HttpURLConnection, which silently sends a POST again when a kept-alive
 * connection turns out closed. A TCC Try must never be repeated behind the coordinator's back (a second
 * attempt would be a second branch), so that retry is switched off before the first connection is made.
 */
@Configuration(proxyBeanMethods = false)
public class SiblingClientsConfiguration {

    static {
        System.setProperty("sun.net.http.retryPost", "false");
    }
}
