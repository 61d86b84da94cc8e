package com.orderpay.order.persistence;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import java.util.List;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** The append-only story of each order ({@code order_status_change}): rows are inserted and read, never changed. */
public interface OrderStatusChangeMapper extends BaseMapper<OrderStatusChangeEntity> {

    /** Oldest first; an order has a handful of changes, at most 200 are read. */
    @Select("SELECT * FROM order_status_change WHERE order_no = #{orderNo} ORDER BY id LIMIT 200")
    List<OrderStatusChangeEntity> storyOf(@Param("orderNo") String orderNo);
}
