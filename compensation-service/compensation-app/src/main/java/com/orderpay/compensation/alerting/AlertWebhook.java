package com.orderpay.compensation.alerting;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpay.compensation.api.AlertResponse;
import com.orderpay.compensation.config.AlertProperties;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * POSTs every raised and resolved alert to the configured webhook as JSON, on its own thread: a slow or failing
 * receiver never holds up an evaluation or a run. A failed delivery is retried with a doubling wait up to
 * {@code max-attempts}, then dropped with an error in the log (the alert itself stays in the store and the API).
 */
@Component
public class AlertWebhook {

    private static final Logger log = LoggerFactory.getLogger(AlertWebhook.class);
    /** Deliveries waiting at most; past it new ones are dropped rather than grow without bound. */
    private static final int MAX_QUEUED = 1000;

    private final AlertProperties.Webhook settings;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledThreadPoolExecutor sender;

    public AlertWebhook(AlertProperties properties, ObjectMapper json) {
        this.settings = properties.webhook();
        this.json = json;
        this.sender = (ScheduledThreadPoolExecutor) Executors.newScheduledThreadPool(1, r -> {
            Thread thread = new Thread(r, "alert-webhook");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Queues the alert for delivery; returns at once. */
    public void send(AlertResponse alert) {
        if (!settings.enabled()) {
            return;
        }
        if (sender.getQueue().size() >= MAX_QUEUED) {
            log.error("Alert webhook backlog full; alert {} {} not delivered", alert.rule(), alert.state());
            return;
        }
        schedule(alert, 1, Duration.ZERO);
    }

    private void schedule(AlertResponse alert, int attempt, Duration wait) {
        try {
            sender.schedule(() -> deliver(alert, attempt), wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.warn("Alert webhook stopped; alert {} {} not delivered", alert.rule(), alert.state());
        }
    }

    private void deliver(AlertResponse alert, int attempt) {
        String outcome;
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(settings.url()))
                    .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(alert))).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                log.info("Alert {} {} delivered to the webhook (attempt {})", alert.rule(), alert.state(), attempt);
                return;
            }
            outcome = "answered " + response.statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            outcome = e.toString();
        }
        if (attempt >= settings.maxAttempts()) {
            log.error("Alert {} {} not delivered to the webhook after {} attempts ({})", alert.rule(), alert.state(),
                    attempt, outcome);
            return;
        }
        Duration wait = settings.firstBackoff().multipliedBy(1L << Math.min(attempt - 1, 10));
        log.warn("Alert {} {}: webhook {} (attempt {}); retrying in {}", alert.rule(), alert.state(), outcome, attempt,
                wait);
        schedule(alert, attempt + 1, wait);
    }

    @PreDestroy
    void stop() {
        sender.shutdownNow();
    }

    ScheduledExecutorService executor() {
        return sender;
    }
}
