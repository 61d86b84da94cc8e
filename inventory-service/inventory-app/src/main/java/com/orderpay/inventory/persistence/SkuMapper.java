package com.orderpay.inventory.persistence;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import java.math.BigDecimal;
import java.util.List;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/**
 * Stock figures. Every change is one guarded single-statement UPDATE: the guard in the WHERE clause is checked
 * against the latest committed row under its row lock, so concurrent orders can never oversell.
 */
public interface SkuMapper extends BaseMapper<SkuEntity> {

    @Select("SELECT * FROM sku ORDER BY sku_id")
    List<SkuEntity> selectCatalogue();

    /** Try: reserve only if enough is available. 0 rows: short (or no such SKU). */
    @Update("UPDATE sku SET reserved = reserved + #{quantity}, version = version + 1 "
            + "WHERE sku_id = #{skuId} AND on_hand - reserved >= #{quantity}")
    int reserve(@Param("skuId") String skuId, @Param("quantity") long quantity);

    /** Reserved units leave the shelf as sold. */
    @Update("UPDATE sku SET reserved = reserved - #{quantity}, on_hand = on_hand - #{quantity}, "
            + "sold = sold + #{quantity}, version = version + 1 WHERE sku_id = #{skuId} AND reserved >= #{quantity}")
    int sellReserved(@Param("skuId") String skuId, @Param("quantity") long quantity);

    /** Reserved units become available again. */
    @Update("UPDATE sku SET reserved = reserved - #{quantity}, version = version + 1 "
            + "WHERE sku_id = #{skuId} AND reserved >= #{quantity}")
    int unreserve(@Param("skuId") String skuId, @Param("quantity") long quantity);

    /** Refused (0 rows) past {@code maxOnHand}, which a SKU's update could then not set again. */
    @Update("UPDATE sku SET on_hand = on_hand + #{quantity}, version = version + 1 WHERE sku_id = #{skuId} "
            + "AND on_hand + #{quantity} <= #{maxOnHand}")
    int restock(@Param("skuId") String skuId, @Param("quantity") long quantity, @Param("maxOnHand") long maxOnHand);

    /**
     * Admin revision of the version the admin saw; refused (0 rows) when the row changed since, or when the new count
     * is below what orders hold at this very moment.
     */
    @Update("UPDATE sku SET name = #{name}, price = #{price}, on_hand = #{onHand}, version = version + 1 "
            + "WHERE sku_id = #{skuId} AND version = #{version} AND reserved <= #{onHand}")
    int revise(@Param("skuId") String skuId, @Param("name") String name, @Param("price") BigDecimal price,
            @Param("onHand") long onHand, @Param("version") long version);
}
