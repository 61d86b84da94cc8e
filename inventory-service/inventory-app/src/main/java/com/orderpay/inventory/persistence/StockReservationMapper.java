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

    /** The SKU's live lines (reserving, held, being sold), oldest first; the foreign key's index finds them. */
    @Select("SELECT * FROM stock_reservation WHERE sku_id = #{skuId} AND status IN ('TRYING', 'HELD', 'SELLING') "
            + "ORDER BY id LIMIT #{limit}")
    List<StockReservationEntity> selectLiveBySku(@Param("skuId") String skuId, @Param("limit") int limit);

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

    /** Reconciliation's page: lines last changed before {@code updatedBefore}, in id order. */
    @Select({"<script>",
            "SELECT * FROM stock_reservation",
            // one status: the (status, id) index walks the keyset in order, each page a short range scan
            "<if test='statuses != null and statuses.size() == 1'> FORCE INDEX (idx_stock_reservation_status_id)</if>",
            "WHERE updated_at &lt; #{updatedBefore}",
            "<if test='after != null'> AND id &gt; #{after}</if>",
            "<if test='statuses != null and statuses.size() &gt; 0'> AND status IN",
            "<foreach collection='statuses' item='s' open='(' separator=',' close=')'>#{s}</foreach></if>",
            "ORDER BY id LIMIT #{limit}",
            "</script>"})
    List<StockReservationEntity> auditPage(@Param("after") Long after, @Param("statuses") List<String> statuses,
            @Param("updatedBefore") java.time.Instant updatedBefore, @Param("limit") int limit);

    @Select({"<script>",
            "SELECT * FROM stock_reservation WHERE order_no IN",
            "<foreach collection='orderNos' item='n' open='(' separator=',' close=')'>#{n}</foreach>",
            "ORDER BY order_no, sku_id",
            "</script>"})
    List<StockReservationEntity> selectByOrders(@Param("orderNos") java.util.Collection<String> orderNos);

    /**
     * A page of SKUs with the units their reservations hold and sold, in one statement: one snapshot, so a
     * reservation's move and its SKU's figures (one local transaction) are seen together or not at all.
     */
    @Select({"<script>",
            "SELECT s.sku_id, s.on_hand, s.reserved, s.sold,",
            " COALESCE(SUM(CASE WHEN r.status IN ('TRYING', 'HELD', 'SELLING') THEN r.quantity END), 0) AS reserved_by_reservations,",
            " COALESCE(SUM(CASE WHEN r.status = 'SOLD' THEN r.quantity END), 0) AS sold_by_reservations",
            "FROM (SELECT sku_id FROM sku <if test='after != null'>WHERE sku_id &gt; #{after}</if>",
            "      ORDER BY sku_id LIMIT #{limit}) page",
            "JOIN sku s ON s.sku_id = page.sku_id",
            "LEFT JOIN stock_reservation r ON r.sku_id = s.sku_id",
            "GROUP BY s.sku_id, s.on_hand, s.reserved, s.sold ORDER BY s.sku_id",
            "</script>"})
    List<java.util.Map<String, Object>> skuAudit(@Param("after") String after, @Param("limit") int limit);
}
