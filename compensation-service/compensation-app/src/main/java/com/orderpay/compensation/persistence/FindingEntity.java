package com.orderpay.compensation.persistence;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.Instant;

/** A row of {@code reconciliation_finding}: one line of the audit trail. */
@TableName("reconciliation_finding")
public class FindingEntity {

    @TableId(type = IdType.AUTO)
    public Long findingId;
    public String runId;
    public String kind;
    public boolean invariant;
    public String subjectType;
    public String subject;
    public String evidence;
    public String action;
    public String status;
    public String result;
    public Instant createdAt;
}
