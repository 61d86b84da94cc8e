package com.orderpay.order.persistence;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import java.time.Instant;
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
}
