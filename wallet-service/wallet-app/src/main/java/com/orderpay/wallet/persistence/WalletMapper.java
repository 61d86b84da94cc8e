package com.orderpay.wallet.persistence;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import java.math.BigDecimal;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Update;

/**
 * The wallet's figures. Every movement is one guarded single-statement UPDATE: the guard in the WHERE clause is
 * evaluated on the latest committed row under its row lock, so concurrent payments can never overdraw. 0 rows
 * means the guard refused (or there is no wallet) and nothing changed.
 */
public interface WalletMapper extends BaseMapper<WalletEntity> {

    /** Creates the user's empty wallet unless it exists already. */
    @Insert("INSERT INTO wallet (user_id, available, frozen) VALUES (#{userId}, 0.00, 0.00) "
            + "ON DUPLICATE KEY UPDATE user_id = user_id")
    int open(@Param("userId") String userId);

    /** Try: available to frozen, only if that much is available. */
    @Update("UPDATE wallet SET available = available - #{amount}, frozen = frozen + #{amount} "
            + "WHERE user_id = #{userId} AND available >= #{amount}")
    int freeze(@Param("userId") String userId, @Param("amount") BigDecimal amount);

    /** Confirm: the frozen money leaves the wallet. */
    @Update("UPDATE wallet SET frozen = frozen - #{amount} WHERE user_id = #{userId} AND frozen >= #{amount}")
    int debitFrozen(@Param("userId") String userId, @Param("amount") BigDecimal amount);

    /** Cancel: frozen back to available. */
    @Update("UPDATE wallet SET available = available + #{amount}, frozen = frozen - #{amount} "
            + "WHERE user_id = #{userId} AND frozen >= #{amount}")
    int unfreeze(@Param("userId") String userId, @Param("amount") BigDecimal amount);

    @Update("UPDATE wallet SET available = available + #{amount} WHERE user_id = #{userId}")
    int credit(@Param("userId") String userId, @Param("amount") BigDecimal amount);
}
