package com.orderpay.wallet.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.seata.core.context.RootContext;
import org.apache.seata.tm.api.GlobalTransaction;
import org.apache.seata.tm.api.GlobalTransactionContext;
import org.junit.jupiter.api.Test;

/**
 * One wallet, many payments at once: the guarded single-statement UPDATE is the only thing between 40 buyers and
 * 100.00. All 40 Trys run while no payment has finished, so exactly floor(100 / 7) = 14 can freeze; then half of
 * the global transactions commit and half roll back, concurrently. Money is conserved at every moment observed.
 */
class ConcurrentFreezeTest extends WalletComponentTest {

    private static final int BUYERS = 40;
    private static final String CREDITED = "100.00";
    private static final String PRICE = "7.00";
    private static final int CAN_FREEZE = 14;

    private record Outcome(int index, String orderNo, int status, String problemType, boolean committed) {
    }

    /** One statement, so the three figures come from one consistent read. */
    private record Snapshot(BigDecimal available, BigDecimal frozen, BigDecimal debited) {
    }

    @Test
    void fortyConcurrentFreezesOfOneHundredFreezeExactlyFourteenAndConserveMoney() throws Exception {
        String user = userWith(CREDITED);
        double frozenBefore = freezeCount("frozen");
        double refusedBefore = freezeCount("insufficient_balance");
        ConcurrentLinkedQueue<Snapshot> seen = new ConcurrentLinkedQueue<>();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                seen.add(snapshot(user));
                LockSupport.parkNanos(2_000_000);
            }
        }, "wallet-sampler");
        sampler.start();

        ExecutorService buyers = Executors.newFixedThreadPool(BUYERS);
        CountDownLatch start = new CountDownLatch(1);
        CyclicBarrier allTried = new CyclicBarrier(BUYERS);
        AtomicInteger successes = new AtomicInteger();
        List<Future<Outcome>> futures = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < BUYERS; i++) {
                int index = i;
                futures.add(buyers.submit(() -> pay(index, user, start, allTried, successes)));
            }
            start.countDown();
            for (Future<Outcome> future : futures) {
                outcomes.add(future.get(90, TimeUnit.SECONDS));
            }
        } finally {
            buyers.shutdownNow();
        }

        List<Outcome> frozen = outcomes.stream().filter(o -> o.status() == 200).toList();
        List<Outcome> refused = outcomes.stream().filter(o -> o.status() == 409).toList();
        List<Outcome> debited = frozen.stream().filter(Outcome::committed).toList();
        assertThat(frozen).hasSize(CAN_FREEZE);
        assertThat(debited).hasSize(CAN_FREEZE / 2);
        assertThat(refused).hasSize(BUYERS - CAN_FREEZE)
                .allSatisfy(o -> assertThat(o.problemType()).endsWith("/insufficient-balance"));
        assertThat(freezeCount("frozen")).isEqualTo(frozenBefore + CAN_FREEZE);
        assertThat(freezeCount("insufficient_balance")).isEqualTo(refusedBefore + BUYERS - CAN_FREEZE);

        await().atMost(PHASE_TWO_WAIT).untilAsserted(() -> {
            assertThat(frozen).allSatisfy(o -> assertThat(freezeStatuses(o.orderNo()))
                    .containsExactly(o.committed() ? "DEBITED" : "UNFROZEN"));
            assertThat(figures(user).frozen()).isEqualTo("0.00");
        });
        sampling.set(false);
        sampler.join();

        BigDecimal spent = new BigDecimal(PRICE).multiply(BigDecimal.valueOf(debited.size()));
        assertThat(figures(user)).isEqualTo(new Figures(new BigDecimal(CREDITED).subtract(spent).toPlainString(), "0.00"));
        assertThat(refused).allSatisfy(o -> assertThat(freezeStatuses(o.orderNo())).isEmpty());
        Map<String, Object> counts = jdbc.queryForMap("SELECT "
                + "SUM(type = 'FREEZE') AS freezes, SUM(type = 'UNFREEZE') AS unfreezes, SUM(type = 'DEBIT') AS debits, "
                + "COALESCE(SUM(CASE WHEN type = 'DEBIT' THEN amount END), 0) AS debited "
                + "FROM wallet_ledger_entry WHERE user_id = ?", user);
        assertThat(((Number) counts.get("freezes")).intValue()).isEqualTo(CAN_FREEZE);
        assertThat(((Number) counts.get("unfreezes")).intValue()).isEqualTo(CAN_FREEZE - debited.size());
        assertThat(((Number) counts.get("debits")).intValue()).isEqualTo(debited.size());
        assertThat((BigDecimal) counts.get("debited")).isEqualByComparingTo(spent);
        assertLedgerInvariants(user);

        // never negative, and available + frozen + debited = credited at every moment the sampler saw
        assertThat(seen).hasSizeGreaterThan(10).allSatisfy(s -> {
            assertThat(s.available().signum()).isNotNegative();
            assertThat(s.frozen().signum()).isNotNegative();
            assertThat(s.available().add(s.frozen()).add(s.debited())).isEqualByComparingTo(CREDITED);
        });
    }

    /**
     * One buyer: its own global transaction; the Try; then, once every Try has run, every other successful freeze
     * commits (7) and the rest roll back, all at once.
     */
    private Outcome pay(int index, String user, CountDownLatch start, CyclicBarrier allTried, AtomicInteger successes)
            throws Exception {
        String orderNo = unique("O" + index);
        start.await();
        GlobalTransaction tx = GlobalTransactionContext.getCurrentOrCreate();
        tx.begin(60_000, "concurrent-" + index);
        try {
            HttpResponse<String> response = freeze(tx.getXid(), orderNo, user, PRICE);
            String type = response.statusCode() == 200 ? null : json(response).path("type").asText();
            allTried.await(60, TimeUnit.SECONDS);
            boolean commit = response.statusCode() == 200 && successes.getAndIncrement() % 2 == 0;
            if (commit) {
                tx.commit();
            } else {
                tx.rollback();
            }
            return new Outcome(index, orderNo, response.statusCode(), type, commit);
        } finally {
            RootContext.unbind();
        }
    }

    private Snapshot snapshot(String user) {
        return jdbc.queryForObject("SELECT w.available, w.frozen, (SELECT COALESCE(SUM(e.amount), 0) "
                        + "FROM wallet_ledger_entry e WHERE e.user_id = w.user_id AND e.type = 'DEBIT') "
                        + "FROM wallet w WHERE w.user_id = ?",
                (rs, i) -> new Snapshot(rs.getBigDecimal(1), rs.getBigDecimal(2), rs.getBigDecimal(3)), user);
    }
}
