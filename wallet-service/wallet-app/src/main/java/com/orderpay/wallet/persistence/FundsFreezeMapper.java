package com.orderpay.wallet.persistence;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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

    @Select("SELECT id, xid, branch_id, order_no, user_id, amount, status FROM funds_freeze "
            + "WHERE xid = #{xid} AND order_no = #{orderNo} ORDER BY id")
    List<FundsFreezeEntity> findByXidAndOrder(@Param("xid") String xid, @Param("orderNo") String orderNo);

    String AUDIT_COLUMNS = "f.id, f.order_no, f.user_id, f.amount, f.status, f.xid, f.updated_at, "
            + "EXISTS (SELECT 1 FROM wallet_ledger_entry r WHERE r.refund_order_no = f.order_no) AS refunded";

    /** Reconciliation's page: freezes last changed before {@code updatedBefore}, in id order. */
    @Select({"<script>",
            "SELECT " + AUDIT_COLUMNS + " FROM funds_freeze f",
            // one status: the (status, id) index walks the keyset in order, each page a short range scan
            "<if test='statuses != null and statuses.size() == 1'> FORCE INDEX (idx_funds_freeze_status_id)</if>",
            "WHERE f.updated_at &lt; #{updatedBefore}",
            "<if test='after != null'> AND f.id &gt; #{after}</if>",
            "<if test='statuses != null and statuses.size() &gt; 0'> AND f.status IN",
            "<foreach collection='statuses' item='s' open='(' separator=',' close=')'>#{s}</foreach></if>",
            "ORDER BY f.id LIMIT #{limit}",
            "</script>"})
    List<Map<String, Object>> auditPage(@Param("after") Long after, @Param("statuses") List<String> statuses,
            @Param("updatedBefore") Instant updatedBefore, @Param("limit") int limit);

    @Select({"<script>",
            "SELECT " + AUDIT_COLUMNS + " FROM funds_freeze f WHERE f.order_no IN",
            "<foreach collection='orderNos' item='n' open='(' separator=',' close=')'>#{n}</foreach>",
            "ORDER BY f.id",
            "</script>"})
    List<Map<String, Object>> auditByOrders(@Param("orderNos") Collection<String> orderNos);
}
