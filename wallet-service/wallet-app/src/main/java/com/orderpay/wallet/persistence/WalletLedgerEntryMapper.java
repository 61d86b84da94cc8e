package com.orderpay.wallet.persistence;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import java.util.List;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** The append-only ledger: entries are inserted ({@link BaseMapper#insert}) and read, never updated. */
public interface WalletLedgerEntryMapper extends BaseMapper<WalletLedgerEntryEntity> {

    String COLUMNS = "entry_id, user_id, type, amount, order_no, freeze_id, credit_reference, created_at";

    /** Newest first, strictly older than {@code before} when given (keyset paging on the auto-increment id). */
    @Select("<script>SELECT " + COLUMNS + " FROM wallet_ledger_entry WHERE user_id = #{userId}"
            + "<if test='before != null'> AND entry_id &lt; #{before}</if>"
            + " ORDER BY entry_id DESC LIMIT #{limit}</script>")
    List<WalletLedgerEntryEntity> page(@Param("userId") String userId, @Param("before") Long before,
            @Param("limit") int limit);

    /** Every entry naming the order (its freeze, unfreeze, debit, refund), oldest first; at most 50. */
    @Select("SELECT " + COLUMNS + " FROM wallet_ledger_entry WHERE order_no = #{orderNo} ORDER BY entry_id LIMIT 50")
    List<WalletLedgerEntryEntity> ofOrder(@Param("orderNo") String orderNo);

    @Select("SELECT " + COLUMNS + " FROM wallet_ledger_entry "
            + "WHERE user_id = #{userId} AND credit_reference = #{reference}")
    WalletLedgerEntryEntity findCredit(@Param("userId") String userId, @Param("reference") String reference);

    @Select("SELECT " + COLUMNS + " FROM wallet_ledger_entry WHERE debit_order_no = #{orderNo}")
    WalletLedgerEntryEntity findDebit(@Param("orderNo") String orderNo);

    @Select("SELECT " + COLUMNS + " FROM wallet_ledger_entry WHERE refund_order_no = #{orderNo}")
    WalletLedgerEntryEntity findRefund(@Param("orderNo") String orderNo);

    /**
     * A page of wallets with the sums of their ledgers, in one statement: one snapshot, so a movement and its ledger
     * entry (one local transaction) are seen together or not at all.
     */
    @Select({"<script>",
            "SELECT w.user_id, w.available, w.frozen,",
            " COALESCE(SUM(CASE WHEN l.type = 'CREDIT' THEN l.amount END), 0) AS credits,",
            " COALESCE(SUM(CASE WHEN l.type = 'REFUND' THEN l.amount END), 0) AS refunds,",
            " COALESCE(SUM(CASE WHEN l.type = 'DEBIT' THEN l.amount END), 0) AS debits,",
            " COALESCE(SUM(CASE WHEN l.type = 'FREEZE' THEN l.amount END), 0) AS freezes,",
            " COALESCE(SUM(CASE WHEN l.type = 'UNFREEZE' THEN l.amount END), 0) AS unfreezes",
            "FROM (SELECT user_id FROM wallet <if test='after != null'>WHERE user_id &gt; #{after}</if>",
            "      ORDER BY user_id LIMIT #{limit}) page",
            "JOIN wallet w ON w.user_id = page.user_id",
            "LEFT JOIN wallet_ledger_entry l ON l.user_id = w.user_id",
            "GROUP BY w.user_id, w.available, w.frozen ORDER BY w.user_id",
            "</script>"})
    List<java.util.Map<String, Object>> walletAudit(@Param("after") String after, @Param("limit") int limit);

    @Select("SELECT user_id, COUNT(*) AS payments, SUM(amount) AS amount FROM wallet_ledger_entry "
            + "WHERE type = 'DEBIT' AND created_at >= #{since} GROUP BY user_id "
            + "HAVING COUNT(*) > #{morePaymentsThan} OR SUM(amount) > #{moreThanAmount} "
            + "ORDER BY SUM(amount) DESC, user_id LIMIT 100")
    List<java.util.Map<String, Object>> heavyPayers(@Param("since") java.time.LocalDateTime since,
            @Param("morePaymentsThan") long morePaymentsThan,
            @Param("moreThanAmount") java.math.BigDecimal moreThanAmount);
}
