package com.orderpay.order.persistence;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

public interface OrderItemMapper extends BaseMapper<OrderItemEntity> {

    /** All lines of an order in one statement (at most 50). */
    @Insert({"<script>",
            "INSERT INTO order_item (order_no, sku_id, quantity, unit_price) VALUES",
            "<foreach collection='items' item='i' separator=','>",
            "(#{i.orderNo}, #{i.skuId}, #{i.quantity}, #{i.unitPrice})",
            "</foreach>",
            "</script>"})
    int insertAll(@Param("items") List<OrderItemEntity> items);

    @Select({"<script>",
            "SELECT * FROM order_item WHERE order_no IN",
            "<foreach collection='orderNos' item='n' open='(' separator=',' close=')'>#{n}</foreach>",
            "ORDER BY order_no, sku_id",
            "</script>"})
    List<OrderItemEntity> itemsOf(@Param("orderNos") Collection<String> orderNos);
}
