package com.orderpay.order.persistence;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** Every state change is a compare-and-set on the row's state, so a repeated or concurrent step changes nothing. */
public interface PaymentDeadlineMapper extends BaseMapper<PaymentDeadlineEntity> {

    @Insert("INSERT INTO payment_deadline (order_no, due_at, state, release_attempts, created_at, updated_at) "
            + "VALUES (#{orderNo}, #{dueAt}, #{state}, 0, #{now}, #{now})")
    int insertIn(@Param("orderNo") String orderNo, @Param("dueAt") Instant dueAt, @Param("state") String state,
            @Param("now") Instant now);

    @Update("UPDATE payment_deadline SET state = #{to}, due_at = #{dueAt}, updated_at = #{now} "
            + "WHERE order_no = #{orderNo} AND state = #{from}")
    int move(@Param("orderNo") String orderNo, @Param("from") String from, @Param("to") String to,
            @Param("dueAt") Instant dueAt, @Param("now") Instant now);

    @Update("UPDATE payment_deadline SET state = #{to}, updated_at = #{now} WHERE order_no = #{orderNo} AND state = #{from}")
    int moveKeepingDue(@Param("orderNo") String orderNo, @Param("from") String from, @Param("to") String to,
            @Param("now") Instant now);

    @Update("UPDATE payment_deadline SET release_attempts = release_attempts + 1, due_at = #{retryAt}, "
            + "updated_at = #{now} WHERE order_no = #{orderNo} AND state = 'RELEASING'")
    int releaseFailed(@Param("orderNo") String orderNo, @Param("retryAt") Instant retryAt, @Param("now") Instant now);

    /** Orders past their deadline that still await payment (one PAYING is left for its payment to settle). */
    @Select("SELECT d.order_no FROM payment_deadline d JOIN customer_order o ON o.order_no = d.order_no "
            + "WHERE d.state = 'PENDING' AND d.due_at <= #{now} AND o.status = 'AWAITING_PAYMENT' "
            + "ORDER BY d.due_at LIMIT #{limit}")
    List<String> dueForExpiry(@Param("now") Instant now, @Param("limit") int limit);

    @Select("SELECT * FROM payment_deadline WHERE state = 'RELEASING' AND due_at <= #{now} ORDER BY due_at LIMIT #{limit}")
    List<PaymentDeadlineEntity> dueForRelease(@Param("now") Instant now, @Param("limit") int limit);
}
