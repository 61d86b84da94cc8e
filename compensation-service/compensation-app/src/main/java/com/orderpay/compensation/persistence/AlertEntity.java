package com.orderpay.compensation.persistence;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.Instant;

/** A row of {@code alert}. */
@TableName("alert")
public class AlertEntity {

    @TableId(type = IdType.AUTO)
    public Long alertId;
    public String rule;
    public String subject;
    public String state;
    public String threshold;
    public String value;
    public String detail;
    public Instant raisedAt;
    public Instant lastSeenAt;
    public Instant resolvedAt;
}
