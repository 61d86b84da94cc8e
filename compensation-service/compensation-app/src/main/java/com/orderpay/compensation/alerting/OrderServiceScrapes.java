package com.orderpay.compensation.alerting;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.stereotype.Component;

/**
 * order-service's Prometheus scrape, read from every replica that discovery lists: no new endpoint, no credential,
 * and every replica (an internal API behind the load balancer would reach one of them).
 */
@Component
public class OrderServiceScrapes {

    private final DiscoveryClient discovery;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public OrderServiceScrapes(DiscoveryClient discovery) {
        this.discovery = discovery;
    }

    /** The base URIs of the replicas discovery lists now. */
    public List<String> replicas() {
        return discovery.getInstances("order-service").stream().map(ServiceInstance::getUri).map(URI::toString).toList();
    }

    /** The replica's scrape, in Prometheus' text format. */
    public String scrape(String baseUri) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUri + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("scrape answered " + response.statusCode());
        }
        return response.body();
    }
}
