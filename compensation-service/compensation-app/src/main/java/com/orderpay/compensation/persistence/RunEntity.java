package com.orderpay.compensation.persistence;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.Instant;

/** A row of {@code reconciliation_run}; mapped to the wire at the web edge only. */
@TableName("reconciliation_run")
public class RunEntity {

    @TableId(type = IdType.INPUT)
    public String runId;
    public String triggerKind;
    public String status;
    public String requestedBy;
    public Instant startedAt;
    public Instant heartbeatAt;
    public Instant finishedAt;
    public long checked;
    public long repaired;
    public long flagged;
    public String failure;
}
