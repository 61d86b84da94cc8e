package com.orderpay.order.persistence;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.Instant;

/** A row of {@code order_status_change}. */
@TableName("order_status_change")
public class OrderStatusChangeEntity {

    @TableId(type = IdType.AUTO)
    public Long id;
    public String orderNo;
    public String fromStatus;
    public String toStatus;
    public Instant changedAt;
    public String xid;
    public String cause;
}
