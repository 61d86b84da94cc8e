package com.orderpay.compensation.persistence;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import java.util.List;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

public interface FindingMapper extends BaseMapper<FindingEntity> {

    /** Oldest first, after {@code after} when given; optionally of one run and one status. */
    @Select({"<script>",
            "SELECT * FROM reconciliation_finding WHERE 1 = 1",
            "<if test='runId != null'> AND run_id = #{runId}</if>",
            "<if test='status != null'> AND status = #{status}</if>",
            "<if test='after != null'> AND finding_id &gt; #{after}</if>",
            "ORDER BY finding_id LIMIT #{limit}",
            "</script>"})
    List<FindingEntity> page(@Param("runId") String runId, @Param("status") String status, @Param("after") Long after,
            @Param("limit") int limit);

    @Select("SELECT COUNT(*) FROM reconciliation_finding WHERE run_id = #{runId} AND invariant = TRUE")
    long countInvariantBreaches(@Param("runId") String runId);

    @Select("SELECT COUNT(*) FROM reconciliation_finding WHERE run_id = #{runId} AND status <> 'REPAIRED'")
    long countUnrepaired(@Param("runId") String runId);
}
