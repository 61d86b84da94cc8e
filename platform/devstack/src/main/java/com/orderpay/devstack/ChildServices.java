package com.orderpay.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Services of the system as child JVMs from their repackaged jars, on random ports, wired to the shared test
 * infrastructure ({@link SharedInfrastructure}: MariaDB, Redis, the TC in db mode) and to each other by static
 * discovery. For a component test whose neighbours must be real and must be stopped, killed or suspended.
 */
public final class ChildServices implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChildServices.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    /** One child: its process (stop, kill, suspend, start again on the same port), port and database. */
    public record Child(OrderpayService service, JavaProcess process, int port) {

        public String baseUrl() {
            return "http://127.0.0.1:" + port;
        }

        public String database() {
            return service.database();
        }

        /** Starts it again after a stop or a kill, same port and settings, and waits until it is ready. */
        public void restart() {
            process.start();
            awaitReady();
        }

        public void awaitReady() {
            process.awaitHttpReady(port, READY_TIMEOUT);
        }
    }

    private final Map<OrderpayService, Child> children;

    private ChildServices(Map<OrderpayService, Child> children) {
        this.children = children;
    }

    /**
     * Starts the services and waits until every one is ready; they stop when the JVM exits.
     *
     * @param extra more Spring properties per service
     * @param logs  one log file per child here
     */
    public static ChildServices start(List<OrderpayService> services, Map<OrderpayService, Map<String, String>> extra,
            Path logs) {
        SharedInfrastructure infrastructure = SharedInfrastructure.get();
        ProjectLayout layout = ProjectLayout.detect();
        Map<OrderpayService, Integer> ports = new EnumMap<>(OrderpayService.class);
        services.forEach(service -> ports.put(service, FreePorts.pick()));
        Map<OrderpayService, Child> children = new EnumMap<>(OrderpayService.class);
        for (OrderpayService service : services) {
            Map<String, String> props = new LinkedHashMap<>(infrastructure.springProperties(service.database()));
            props.put("server.port", String.valueOf(ports.get(service)));
            props.put("server.address", "127.0.0.1");
            props.put("spring.profiles.active", "local");
            for (OrderpayService sibling : services) {
                if (sibling != service) {
                    props.put("spring.cloud.discovery.client.simple.instances." + sibling.serviceName() + "[0].uri",
                            "http://127.0.0.1:" + ports.get(sibling));
                }
            }
            props.putAll(extra.getOrDefault(service, Map.of()));
            JavaProcess process = new JavaProcess(service.serviceName(), service.jar(layout),
                    service.memory(), props, logs);
            children.put(service, new Child(service, process, ports.get(service)));
        }
        ChildServices started = new ChildServices(children);
        Runtime.getRuntime().addShutdownHook(new Thread(started::close, "orderpay-child-services-shutdown"));
        long began = System.nanoTime();
        Map<OrderpayService, JavaProcess> processes = new EnumMap<>(OrderpayService.class);
        children.forEach((service, child) -> processes.put(service, child.process()));
        JavaProcess.startAll(processes, service -> children.get(service).awaitReady());
        log.info("{} ready in {} s", services, (System.nanoTime() - began) / 1_000_000_000);
        return started;
    }

    public Child get(OrderpayService service) {
        Child child = children.get(service);
        if (child == null) {
            throw new IllegalArgumentException(service + " was not started");
        }
        return child;
    }

    @Override
    public void close() {
        List<Child> reverse = new ArrayList<>(children.values());
        java.util.Collections.reverse(reverse);
        reverse.forEach(child -> child.process().stop());
    }
}
