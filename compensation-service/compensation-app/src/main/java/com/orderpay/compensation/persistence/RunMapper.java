package com.orderpay.compensation.persistence;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

public interface RunMapper extends BaseMapper<RunEntity> {

    /** Fails with a duplicate key while another run is RUNNING (the unique running slot): one run at a time. */
    @Insert("INSERT INTO reconciliation_run (run_id, trigger_kind, status, requested_by, started_at, heartbeat_at) "
            + "VALUES (#{runId}, #{trigger}, 'RUNNING', #{requestedBy}, #{now}, #{now})")
    int insertRunning(@Param("runId") String runId, @Param("trigger") String trigger,
            @Param("requestedBy") String requestedBy, @Param("now") Instant now);

    @Select("SELECT * FROM reconciliation_run WHERE status = 'RUNNING'")
    RunEntity findRunning();

    /** Marks a run whose replica stopped heartbeating as FAILED, only if nobody heartbeated it meanwhile. */
    @Update("UPDATE reconciliation_run SET status = 'FAILED', finished_at = #{now}, failure = #{why} "
            + "WHERE run_id = #{runId} AND status = 'RUNNING' AND heartbeat_at = #{seenHeartbeat}")
    int failAbandoned(@Param("runId") String runId, @Param("seenHeartbeat") Instant seenHeartbeat,
            @Param("now") Instant now, @Param("why") String why);

    @Update("UPDATE reconciliation_run SET heartbeat_at = #{now}, checked = #{checked}, repaired = #{repaired}, "
            + "flagged = #{flagged} WHERE run_id = #{runId} AND status = 'RUNNING'")
    int heartbeat(@Param("runId") String runId, @Param("now") Instant now, @Param("checked") long checked,
            @Param("repaired") long repaired, @Param("flagged") long flagged);

    @Update("UPDATE reconciliation_run SET status = #{status}, finished_at = #{now}, heartbeat_at = #{now}, "
            + "checked = #{checked}, repaired = #{repaired}, flagged = #{flagged}, failure = #{failure} "
            + "WHERE run_id = #{runId} AND status = 'RUNNING'")
    int finish(@Param("runId") String runId, @Param("status") String status, @Param("now") Instant now,
            @Param("checked") long checked, @Param("repaired") long repaired, @Param("flagged") long flagged,
            @Param("failure") String failure);

    /** Newest first (run ids sort by their start), strictly before {@code before} when given. */
    @Select({"<script>",
            "SELECT * FROM reconciliation_run <if test='before != null'>WHERE run_id &lt; #{before}</if>",
            "ORDER BY run_id DESC LIMIT #{limit}",
            "</script>"})
    List<RunEntity> page(@Param("before") String before, @Param("limit") int limit);

    @Select("SELECT * FROM reconciliation_run WHERE status <> 'RUNNING' ORDER BY started_at DESC, run_id DESC LIMIT 1")
    RunEntity latestFinished();

    @Select("SELECT MAX(finished_at) FROM reconciliation_run WHERE status = 'COMPLETED'")
    Instant lastCompletedAt();

    @Select("SELECT MAX(started_at) FROM reconciliation_run")
    Instant lastStartedAt();
}
