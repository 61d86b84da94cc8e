package com.orderpay.order.persistence;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

public interface CustomerOrderMapper extends BaseMapper<CustomerOrderEntity> {

    @Select("SELECT * FROM customer_order WHERE placed_xid = #{xid}")
    CustomerOrderEntity findByPlacedXid(@Param("xid") String xid);

    /** A transition as a compare-and-set on the status the caller saw: of two racing ones exactly one wins. */
    @Update("UPDATE customer_order SET status = #{to}, expires_at = #{expiresAt}, updated_at = #{updatedAt} "
            + "WHERE order_no = #{orderNo} AND status = #{from}")
    int transition(@Param("orderNo") String orderNo, @Param("from") String from, @Param("to") String to,
            @Param("expiresAt") Instant expiresAt, @Param("updatedAt") Instant updatedAt);

    @Select("SELECT * FROM customer_order WHERE payment_xid = #{xid}")
    CustomerOrderEntity findByPaymentXid(@Param("xid") String xid);

    /**
     * Try of a payment, and the one winner among payment, cancellation and expiry: only an order of this user that
     * still awaits payment and is not past its deadline becomes PAYING, under the payment's XID.
     */
    @Update("UPDATE customer_order SET status = 'PAYING', payment_xid = #{xid}, payment_key = #{paymentKey}, "
            + "updated_at = #{now} "
            + "WHERE order_no = #{orderNo} AND user_id = #{userId} AND status = 'AWAITING_PAYMENT' AND expires_at > #{now}")
    int startPayment(@Param("orderNo") String orderNo, @Param("userId") String userId, @Param("xid") String xid,
            @Param("paymentKey") String paymentKey, @Param("now") Instant now);

    /** The live (not REJECTED) order a user placed under an Idempotency-Key, if any. */
    @Select("SELECT * FROM customer_order WHERE user_id = #{userId} AND live_placement_key = #{placementKey}")
    CustomerOrderEntity findLiveByPlacementKey(@Param("userId") String userId,
            @Param("placementKey") String placementKey);

    /** Unpaid orders of a user and the units they hold: pay-later orders not yet paid, cancelled, expired or rejected. */
    @Select("SELECT COUNT(DISTINCT o.order_no) AS orders, CAST(COALESCE(SUM(i.quantity), 0) AS SIGNED) AS units "
            + "FROM customer_order o JOIN order_item i ON i.order_no = o.order_no "
            + "WHERE o.user_id = #{userId} AND o.pay_now = FALSE AND o.status IN ('PLACING', 'AWAITING_PAYMENT', 'PAYING')")
    java.util.Map<String, Object> unpaidHoldingsOf(@Param("userId") String userId);

    /** Locks the user's row until the transaction ends (creating it the first time): placements of one user queue. */
    @org.apache.ibatis.annotations.Insert("INSERT INTO unpaid_order_buyer (user_id) VALUES (#{userId}) "
            + "ON DUPLICATE KEY UPDATE user_id = user_id")
    int lockBuyer(@Param("userId") String userId);

    /** Phase two of a payment: PAYING becomes PAID (Confirm) or AWAITING_PAYMENT again (Cancel). */
    @Update("UPDATE customer_order SET status = #{to}, updated_at = #{now} WHERE payment_xid = #{xid} AND status = 'PAYING'")
    int finishPayment(@Param("xid") String xid, @Param("to") String to, @Param("now") Instant now);

    /** The owner cancels an unpaid order; loses to a payment that already made it PAYING. */
    @Update("UPDATE customer_order SET status = 'CANCELLED', updated_at = #{now} "
            + "WHERE order_no = #{orderNo} AND user_id = #{userId} AND status = 'AWAITING_PAYMENT'")
    int cancelUnpaid(@Param("orderNo") String orderNo, @Param("userId") String userId, @Param("now") Instant now);

    /** The deadline passed: an order still awaiting payment expires; loses to a payment that already started. */
    @Update("UPDATE customer_order SET status = 'EXPIRED', updated_at = #{now} "
            + "WHERE order_no = #{orderNo} AND status = 'AWAITING_PAYMENT' AND expires_at <= #{now}")
    int expireUnpaid(@Param("orderNo") String orderNo, @Param("now") Instant now);

    /** Reconciliation's page: orders last changed before {@code updatedBefore}, in order-number order. */
    @Select({"<script>",
            "SELECT * FROM customer_order",
            // one status: the (status, order_no) index walks the keyset in order, each page a short range scan
            "<if test='statuses != null and statuses.size() == 1'> FORCE INDEX (idx_customer_order_status_order_no)</if>",
            "WHERE updated_at &lt; #{updatedBefore}",
            "<if test='after != null'> AND order_no &gt; #{after}</if>",
            "<if test='statuses != null and statuses.size() &gt; 0'> AND status IN",
            "<foreach collection='statuses' item='s' open='(' separator=',' close=')'>#{s}</foreach></if>",
            "ORDER BY order_no LIMIT #{limit}",
            "</script>"})
    List<CustomerOrderEntity> auditPage(@Param("after") String after, @Param("statuses") List<String> statuses,
            @Param("updatedBefore") Instant updatedBefore, @Param("limit") int limit);

    @Select({"<script>",
            "SELECT * FROM customer_order WHERE order_no IN",
            "<foreach collection='orderNos' item='n' open='(' separator=',' close=')'>#{n}</foreach>",
            "</script>"})
    List<CustomerOrderEntity> lookup(@Param("orderNos") Collection<String> orderNos);

    @Select("SELECT COUNT(*) FROM customer_order WHERE status IN ('PLACING', 'AWAITING_PAYMENT', 'PAYING') "
            + "AND created_at < #{createdBefore}")
    long countPendingCreatedBefore(@Param("createdBefore") Instant createdBefore);

    @Select("SELECT COUNT(*) FROM customer_order WHERE status = 'AWAITING_PAYMENT'")
    long countAwaitingPayment();

    @Select("SELECT COUNT(*) FROM customer_order WHERE status = 'AWAITING_PAYMENT' AND created_at < #{before}")
    long countAwaitingPaymentPlacedBefore(@Param("before") Instant before);

    /** A user's orders, newest first, after the cursor (keyset paging on the (user_id, created_at) index). */
    @Select({"<script>",
            "SELECT * FROM customer_order WHERE user_id = #{userId}",
            "<if test='status != null'> AND status = #{status}</if>",
            "<if test='afterCreatedAt != null'>",
            " AND (created_at &lt; #{afterCreatedAt} OR (created_at = #{afterCreatedAt} AND order_no &lt; #{afterOrderNo}))",
            "</if>",
            "ORDER BY created_at DESC, order_no DESC LIMIT #{limit}",
            "</script>"})
    List<CustomerOrderEntity> pageOf(@Param("userId") String userId, @Param("status") String status,
            @Param("afterCreatedAt") Instant afterCreatedAt, @Param("afterOrderNo") String afterOrderNo,
            @Param("limit") int limit);

    /**
     * The operators' search, newest first after the cursor, with each order's deadline row. {@code stuck}: PLACING or
     * PAYING unchanged since {@code stuckBefore}, AWAITING_PAYMENT past its deadline at {@code now}, or a hold owed
     * back (RELEASING) since {@code stuckBefore}. An operator's query, not the order path's: it may scan.
     */
    @Select({"<script>",
            "SELECT o.order_no, o.user_id, o.status, o.total, o.pay_now, o.created_at, o.updated_at, o.expires_at,",
            " d.state AS deadline_state, d.release_attempts AS deadline_release_attempts, d.updated_at AS deadline_updated_at",
            "FROM customer_order o LEFT JOIN payment_deadline d ON d.order_no = o.order_no",
            "WHERE 1 = 1",
            "<if test='userId != null'> AND o.user_id = #{userId}</if>",
            "<if test='status != null'> AND o.status = #{status}</if>",
            "<if test='createdBefore != null'> AND o.created_at &lt; #{createdBefore}</if>",
            "<if test='stuck'> AND ((o.status IN ('PLACING', 'PAYING') AND o.updated_at &lt; #{stuckBefore})",
            "  OR (o.status = 'AWAITING_PAYMENT' AND o.expires_at &lt; #{now})",
            "  OR (d.state = 'RELEASING' AND d.updated_at &lt; #{stuckBefore}))</if>",
            "<if test='afterCreatedAt != null'>",
            " AND (o.created_at &lt; #{afterCreatedAt} OR (o.created_at = #{afterCreatedAt} AND o.order_no &lt; #{afterOrderNo}))",
            "</if>",
            "ORDER BY o.created_at DESC, o.order_no DESC LIMIT #{limit}",
            "</script>"})
    List<OrderSearchRow> search(@Param("userId") String userId, @Param("status") String status,
            @Param("createdBefore") Instant createdBefore, @Param("stuck") boolean stuck,
            @Param("stuckBefore") Instant stuckBefore, @Param("now") Instant now,
            @Param("afterCreatedAt") Instant afterCreatedAt, @Param("afterOrderNo") String afterOrderNo,
            @Param("limit") int limit);
}
