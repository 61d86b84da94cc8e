package com.orderpay.inventory.persistence;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import java.util.List;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/**
 * Reservation rows. Status changes are compare-and-set on the current status, so a repeated or concurrent
 * phase-two step changes nothing the second time.
 */
public interface StockReservationMapper extends BaseMapper<StockReservationEntity> {

    @Select("SELECT * FROM stock_reservation WHERE order_no = #{orderNo} ORDER BY sku_id")
    List<StockReservationEntity> selectByOrder(@Param("orderNo") String orderNo);

    @Select("SELECT * FROM stock_reservation WHERE try_xid = #{xid} ORDER BY sku_id")
    List<StockReservationEntity> selectByTryXid(@Param("xid") String xid);

    @Select("SELECT * FROM stock_reservation WHERE sale_xid = #{xid} ORDER BY sku_id")
    List<StockReservationEntity> selectBySaleXid(@Param("xid") String xid);

    @Update("UPDATE stock_reservation SET status = #{to} "
            + "WHERE order_no = #{orderNo} AND sku_id = #{skuId} AND status = #{from}")
    int transition(@Param("orderNo") String orderNo, @Param("skuId") String skuId, @Param("from") String from,
            @Param("to") String to);

    /** The hold is about to be sold by the global transaction {@code saleXid}. */
    @Update("UPDATE stock_reservation SET status = 'SELLING', sale_xid = #{saleXid} "
            + "WHERE order_no = #{orderNo} AND sku_id = #{skuId} AND status = 'HELD'")
    int beginSale(@Param("orderNo") String orderNo, @Param("skuId") String skuId, @Param("saleXid") String saleXid);
}
