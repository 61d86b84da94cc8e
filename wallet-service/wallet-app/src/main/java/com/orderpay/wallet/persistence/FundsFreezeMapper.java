package com.orderpay.wallet.persistence;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** Freezes, found by their TCC branch; status changes are compare-and-set so that a step happens once. */
public interface FundsFreezeMapper extends BaseMapper<FundsFreezeEntity> {

    @Select("SELECT id, xid, branch_id, order_no, user_id, amount, status FROM funds_freeze "
            + "WHERE xid = #{xid} AND branch_id = #{branchId}")
    FundsFreezeEntity findByBranch(@Param("xid") String xid, @Param("branchId") long branchId);

    /** 1 when this call moved the freeze, 0 when it was no longer in {@code from} (another delivery won). */
    @Update("UPDATE funds_freeze SET status = #{to} WHERE id = #{id} AND status = #{from}")
    int transition(@Param("id") long id, @Param("from") String from, @Param("to") String to);
}
