package com.orderpay.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderpay.system.Storefront.Reply;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Buyers as a storefront sends them, each a user of its own, through the gateway: pay-now orders, pay-later orders
 * then paid, cancelled or left to expire. Each request is retried as a careful client does, under the same
 * Idempotency-Key, when it got no definite answer (a 5xx, an in-flight key, a rate limit, a dropped connection), and
 * every attempt and the final answer go into the {@link History}.
 */
final class LoadOfBuyers {

    /** A user with a token. */
    record Buyer(String userId, String token) {
    }

    /** One SKU line of an order. */
    record Line(String skuId, int quantity) {
    }

    /** One attempt's answer: its status (-1: no answer at all) and problem code. */
    /** One request and its answer; {@code millis}: how long the client waited for it. */
    record Attempt(int status, String code, long millis) {
    }

    /** One operation as the client saw it: every attempt and the final answer. */
    record Op(String phase, String buyer, String kind, String key, String orderNo, boolean payNow, List<Line> lines,
              long startedNanos, long endedNanos, List<Attempt> attempts, int status, String code, String orderStatus) {

        boolean definite() {
            return status >= 200 && status < 500 && !"idempotency-key-in-flight".equals(code);
        }

        boolean succeeded() {
            return status >= 200 && status < 300;
        }
    }

    /** Every operation of the run, in the order they ended. */
    static final class History {

        private final ConcurrentLinkedQueue<Op> ops = new ConcurrentLinkedQueue<>();

        void add(Op op) {
            ops.add(op);
        }

        List<Op> all() {
            return List.copyOf(ops);
        }

        List<Op> of(String phase) {
            return ops.stream().filter(op -> op.phase().equals(phase)).toList();
        }
    }

    private static final Duration RETRY_FOR = Duration.ofSeconds(25);

    private final Storefront api;
    private final List<Buyer> buyers;
    private final List<String> skus;
    private final History history;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile String phase = "";
    private ExecutorService pool;

    LoadOfBuyers(Storefront api, List<Buyer> buyers, List<String> skus, History history) {
        this.api = api;
        this.buyers = buyers;
        this.skus = skus;
        this.history = history;
    }

    /** Starts every buyer; their operations are recorded under {@code phase}. */
    void start(String phase) {
        this.phase = phase;
        running.set(true);
        pool = Executors.newFixedThreadPool(buyers.size());
        for (int i = 0; i < buyers.size(); i++) {
            Buyer buyer = buyers.get(i);
            Random random = new Random(31L * i + phase.hashCode());
            pool.submit(() -> {
                while (running.get()) {
                    try {
                        shop(buyer, random);
                    } catch (RuntimeException e) {
                        // recorded in the history already; the buyer goes on
                    }
                }
            });
        }
    }

    /** Lets every buyer finish the operation in hand (with its retries) and stops. */
    void stop() throws InterruptedException {
        running.set(false);
        pool.shutdown();
        if (!pool.awaitTermination(RETRY_FOR.multipliedBy(4).toSeconds(), TimeUnit.SECONDS)) {
            pool.shutdownNow();
        }
    }

    private void shop(Buyer buyer, Random random) {
        int dice = random.nextInt(100);
        List<Line> lines = lines(random);
        if (dice < 50) {
            place(buyer, lines, true);
            return;
        }
        Op placed = place(buyer, lines, false);
        if (!placed.succeeded() || !"AWAITING_PAYMENT".equals(placed.orderStatus())) {
            return;
        }
        if (dice < 80) {
            send(buyer, "PAY", "/api/orders/" + placed.orderNo() + "/payment", placed.orderNo(), false, List.of());
        } else if (dice < 92) {
            send(buyer, "CANCEL", "/api/orders/" + placed.orderNo() + "/cancellation", placed.orderNo(), false,
                    List.of());
        }
        // else: left unpaid, to expire
    }

    private List<Line> lines(Random random) {
        int count = 1 + random.nextInt(2);
        List<Line> lines = new ArrayList<>();
        List<String> shuffled = new ArrayList<>(skus);
        java.util.Collections.shuffle(shuffled, random);
        for (int i = 0; i < count; i++) {
            lines.add(new Line(shuffled.get(i), 1 + random.nextInt(3)));
        }
        return lines;
    }

    private Op place(Buyer buyer, List<Line> lines, boolean payNow) {
        return send(buyer, "PLACE", "/api/orders", null, payNow, lines);
    }

    private Op send(Buyer buyer, String kind, String path, String orderNo, boolean payNow, List<Line> lines) {
        String key = UUID.randomUUID().toString();
        Object body = kind.equals("PLACE") ? Map.of("payNow", payNow, "items",
                lines.stream().map(l -> Map.of("skuId", l.skuId(), "quantity", l.quantity())).toList()) : null;
        long started = System.nanoTime();
        long giveUpAt = started + RETRY_FOR.toNanos();
        List<Attempt> attempts = new ArrayList<>();
        Reply reply = null;
        long backoff = 250;
        while (true) {
            long sent = System.nanoTime();
            try {
                reply = api.send("POST", path, buyer.token(), key, body, Map.of());
                attempts.add(new Attempt(reply.status(), reply.problemCode(), millisSince(sent)));
            } catch (UncheckedIOException | IllegalStateException noAnswer) {
                reply = null;
                attempts.add(new Attempt(-1, noAnswer.getClass().getSimpleName(), millisSince(sent)));
            }
            if (reply != null && definite(reply) || System.nanoTime() > giveUpAt) {
                break;
            }
            long wait = backoff;
            if (reply != null && reply.header("Retry-After") != null) {
                wait = Math.max(wait, 1000L * Long.parseLong(reply.header("Retry-After")));
            }
            sleep(Math.min(wait, 4000));
            backoff = Math.min(backoff * 2, 4000);
        }
        int status = reply == null ? -1 : reply.status();
        JsonNode json = reply == null ? null : reply.body();
        String code = reply == null ? null : reply.problemCode();
        String number = orderNo != null ? orderNo
                : json != null && json.hasNonNull("orderNo") ? json.path("orderNo").asText() : null;
        String orderStatus = json != null && json.hasNonNull("status") && status < 300 ? json.path("status").asText()
                : null;
        Op op = new Op(phase, buyer.userId(), kind, key, number, payNow, lines, started, System.nanoTime(),
                List.copyOf(attempts), status, code, orderStatus);
        history.add(op);
        return op;
    }

    /** An answer the client takes as final: a success, or a refusal that is the request's own. */
    private static boolean definite(Reply reply) {
        int status = reply.status();
        return status >= 200 && status < 500 && status != 429
                && !"idempotency-key-in-flight".equals(reply.problemCode());
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
