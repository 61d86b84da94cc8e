package com.orderpay.compensation.persistence;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

public interface AlertMapper extends BaseMapper<AlertEntity> {

    @Select("SELECT * FROM alert WHERE state = 'FIRING' AND rule = #{rule}")
    List<AlertEntity> firingOf(@Param("rule") String rule);

    @Select("SELECT COUNT(*) FROM alert WHERE state = 'FIRING'")
    long countFiring();

    @Update("UPDATE alert SET value = #{value}, detail = #{detail}, last_seen_at = #{now} "
            + "WHERE alert_id = #{alertId} AND state = 'FIRING'")
    int stillFiring(@Param("alertId") long alertId, @Param("value") String value, @Param("detail") String detail,
            @Param("now") Instant now);

    @Update("UPDATE alert SET state = 'RESOLVED', resolved_at = #{now} WHERE alert_id = #{alertId} AND state = 'FIRING'")
    int resolve(@Param("alertId") long alertId, @Param("now") Instant now);

    /** Newest first, before {@code before} when given; optionally in one state and raised or resolved since. */
    @Select({"<script>",
            "SELECT * FROM alert WHERE 1 = 1",
            "<if test='state != null'> AND state = #{state}</if>",
            "<if test='since != null'> AND (raised_at &gt;= #{since} OR resolved_at &gt;= #{since} OR last_seen_at &gt;= #{since})</if>",
            "<if test='before != null'> AND alert_id &lt; #{before}</if>",
            "ORDER BY alert_id DESC LIMIT #{limit}",
            "</script>"})
    List<AlertEntity> page(@Param("state") String state, @Param("since") Instant since, @Param("before") Long before,
            @Param("limit") int limit);
}
