package com.orderpay.platform.idempotency;

import com.orderpay.platform.database.MigrationDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.util.ClassUtils;

/**
 * The platform's own tables (idempotency records; Seata's {@code tcc_fence_log} where Seata is on the class
 * path) in each service's database, versioned by Flyway apart from the service's schema: its own history table
 * keeps the two version sequences from colliding.
 */
public class PlatformSchema implements InitializingBean {

    private final DataSource dataSource;

    public PlatformSchema(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void afterPropertiesSet() {
        boolean tcc = ClassUtils.isPresent("org.apache.seata.rm.tcc.api.LocalTCC", getClass().getClassLoader());
        String[] locations = tcc
                ? new String[] {"classpath:db/platform/idempotency", "classpath:db/platform/tcc-fence"}
                : new String[] {"classpath:db/platform/idempotency"};
        Flyway.configure()
                .dataSource(new MigrationDataSource(dataSource))
                .table("platform_schema_history")
                .locations(locations)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
