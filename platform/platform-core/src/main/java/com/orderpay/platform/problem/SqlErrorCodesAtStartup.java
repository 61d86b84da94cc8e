package com.orderpay.platform.problem;

import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.support.SQLErrorCodesFactory;

/**
 * Resolves Spring's SQL error codes for the service's databases once at start-up, while they are up (Flyway has just
 * run on them). Spring resolves them lazily, at the first SQL exception it translates, by asking the database for its
 * product name while holding a lock every thread shares ({@link SQLErrorCodesFactory}). With the database down, the
 * first failing requests then queued on that lock, each behind another's wait for a connection (10 s), and answered
 * 503 only after the gateway had given up (MariaDB down 30 s under load: requests held 31-38 s; bench/RESULTS.md).
 * Resolved up front, a failure is translated without asking the database anything.
 */
public final class SqlErrorCodesAtStartup implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(SqlErrorCodesAtStartup.class);

    private final List<DataSource> dataSources;

    public SqlErrorCodesAtStartup(List<DataSource> dataSources) {
        this.dataSources = List.copyOf(dataSources);
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (DataSource dataSource : dataSources) {
            if (SQLErrorCodesFactory.getInstance().resolveErrorCodes(dataSource) == null) {
                log.warn("SQL error codes of {} not resolved at start-up; the first database failure resolves them",
                        dataSource);
            }
        }
    }
}
