package com.orderpay.wallet.crediting;

import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import com.orderpay.wallet.domain.LedgerEntryType;
import com.orderpay.wallet.domain.Money;
import com.orderpay.wallet.domain.WalletBalance;
import com.orderpay.wallet.persistence.WalletEntity;
import com.orderpay.wallet.persistence.WalletLedgerEntryEntity;
import com.orderpay.wallet.persistence.WalletLedgerEntryMapper;
import com.orderpay.wallet.persistence.WalletMapper;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Top-ups: the wallet is opened on the first one; every credit is one CREDIT entry under its reference. */
@Service
public class CreditService {

    private static final Logger log = LoggerFactory.getLogger(CreditService.class);

    private final WalletMapper wallets;
    private final WalletLedgerEntryMapper ledger;
    private final Clock clock;

    public CreditService(WalletMapper wallets, WalletLedgerEntryMapper ledger, Clock clock) {
        this.wallets = wallets;
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * Credits {@code amount} once per {@code reference}. The Idempotency-Key record is the first guard; the
     * reference's unique key is the second, for a replay that outlived that record or a request taken over after
     * a crash between the credit and its record: the credit already made is answered again, not repeated.
     *
     * @param reference who credited under which key, unique per wallet
     */
    @Transactional
    public WalletBalance credit(String userId, Money amount, String reference) {
        wallets.open(userId);
        try {
            ledger.insert(WalletLedgerEntryEntity.of(userId, LedgerEntryType.CREDIT, amount, null, null, reference,
                    clock.instant()));
        } catch (DuplicateKeyException e) {
            WalletLedgerEntryEntity earlier = ledger.findCredit(userId, reference);
            if (earlier == null || !Money.of(earlier.getAmount()).equals(amount)) {
                throw new ProblemException(ProblemCode.IDEMPOTENCY_KEY_REUSE,
                        "This Idempotency-Key already credited this wallet with another amount");
            }
            log.info("Credit {} of {} was made already (entry {}); not credited again", reference, userId,
                    earlier.getEntryId());
            return balanceOf(userId);
        }
        if (wallets.credit(userId, amount.value()) != 1) {
            throw new IllegalStateException("Wallet of " + userId + " vanished while being credited");
        }
        return balanceOf(userId);
    }

    private WalletBalance balanceOf(String userId) {
        WalletEntity wallet = wallets.selectById(userId);
        return wallet == null ? WalletBalance.ZERO : wallet.toBalance();
    }
}
