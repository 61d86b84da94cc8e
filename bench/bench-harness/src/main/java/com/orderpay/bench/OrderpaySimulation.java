package com.orderpay.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The buyers of one {@link LoadPlan}, in Gatling's Java DSL. Closed model: N buyers at once, each its own user (and
 * connection), each sending its next request when the last one answered. Open model: orders started at a fixed rate
 * whatever the answers, one level after another, over a shared connection pool, each by the next buyer in turn.
 */
public class OrderpaySimulation extends Simulation {

    private final LoadPlan plan = LoadPlan.current();
    private final LoadRecorder recorder = plan.recorder();
    private final AtomicInteger nextBuyer = new AtomicInteger();
    private final AtomicLong nextKey = new AtomicLong();

    public OrderpaySimulation() {
        HttpProtocolBuilder protocol = http.baseUrl(plan.gatewayUrl())
                // Gatling would otherwise first call a public address to warm its client up.
                .disableWarmUp()
                .disableCaching()
                .acceptHeader("application/json, application/problem+json")
                .contentTypeHeader("application/json");
        if (plan.openModel()) {
            protocol = protocol.shareConnections();
        }
        ScenarioBuilder buyers = scenario(plan.scenario().label())
                .exec(session -> session.set("buyer", nextBuyer.getAndIncrement() % plan.buyerTokens().size()));
        ChainBuilder oneRound = round(plan.scenario());
        if (plan.openModel()) {
            List<OpenInjectionStep> steps = new ArrayList<>();
            steps.add(constantUsersPerSec(plan.rates().get(0)).during(plan.warmUp()));
            plan.rates().forEach(rate -> steps.add(constantUsersPerSec(rate).during(plan.measured())));
            setUp(buyers.exec(oneRound).injectOpen(steps)).protocols(protocol)
                    .maxDuration(plan.total().plus(Duration.ofSeconds(30)));
        } else {
            setUp(buyers.exec(during(plan.total()).on(oneRound)).injectOpen(atOnceUsers(plan.buyers())))
                    .protocols(protocol).maxDuration(plan.total().plus(Duration.ofSeconds(60)));
        }
    }

    @Override
    public void before() {
        recorder.start();
    }

    private ChainBuilder round(Scenario scenario) {
        return switch (scenario) {
            case SPREAD, HOT -> placeOrder("/api/orders", scenario.orderRequest(), true);
            case BASELINE -> placeOrder("/api/bench/orders", scenario.orderRequest(), true);
            case PAY_LATER -> placeOrder("/api/orders", "place (pay later)", false)
                    .exec(doIf(session -> session.contains("orderNo") && session.getInt("status") == 201)
                            .then(timed("pay", http("pay").post("/api/orders/#{orderNo}/payment")
                                    .header("Idempotency-Key", this::newKey))));
            case MIX -> randomSwitch().on(
                    percent(60).then(timed("sku read", http("sku read").get(session -> "/api/skus/" + randomSku()))),
                    percent(20).then(exec(session -> session.set("ordersPath", session.contains("lastOrderNo")
                                    ? "/api/orders/" + session.getString("lastOrderNo") : "/api/orders?limit=10"))
                            .exec(timed("order read", http("order read").get("#{ordersPath}")))),
                    percent(20).then(placeOrder("/api/orders", scenario.orderRequest(), true)
                            .exec(session -> session.contains("orderNo")
                                    ? session.set("lastOrderNo", session.getString("orderNo")) : session)));
        };
    }

    private ChainBuilder placeOrder(String path, String name, boolean payNow) {
        HttpRequestActionBuilder request = http(name).post(path)
                .header("Idempotency-Key", this::newKey)
                .body(StringBody(session -> "{\"items\":[{\"skuId\":\"" + randomSku()
                        + "\",\"quantity\":1}],\"payNow\":" + payNow + "}"));
        ChainBuilder forget = exec(session -> session.remove("orderNo"));
        return payNow && plan.scenario() != Scenario.MIX ? timed(name, request)
                : forget.exec(timed(name, request, jsonPath("$.orderNo").optional().saveAs("orderNo")));
    }

    /** The request, with its answer recorded (or none: a refused connection, a timeout). */
    private ChainBuilder timed(String name, HttpRequestActionBuilder request, CheckBuilder... more) {
        List<CheckBuilder> checks = new ArrayList<>(List.of(more));
        checks.add(0, status().saveAs("status"));
        return exec(session -> session.remove("status").set("sent", System.nanoTime()))
                .exec(request.header("Authorization", this::bearer).check(checks))
                .exec(session -> {
                    recorder.record(name, session.contains("status") ? session.getInt("status") : LoadRecorder.NO_ANSWER,
                            session.getLong("sent"), System.nanoTime());
                    return session;
                });
    }

    private String bearer(Session session) {
        return "Bearer " + plan.buyerTokens().get(session.getInt("buyer"));
    }

    private String newKey(Session session) {
        return plan.keyPrefix() + "-" + nextKey.incrementAndGet();
    }

    private String randomSku() {
        List<String> skus = plan.skus();
        return skus.get(ThreadLocalRandom.current().nextInt(skus.size()));
    }
}
