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

    @Select("SELECT " + COLUMNS + " FROM wallet_ledger_entry "
            + "WHERE user_id = #{userId} AND credit_reference = #{reference}")
    WalletLedgerEntryEntity findCredit(@Param("userId") String userId, @Param("reference") String reference);
}
