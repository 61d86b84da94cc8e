package com.orderpay.seata;

import org.flywaydb.core.Flyway;

/**
 * Migrates the coordinator's db store (global, branch, lock and distributed-lock tables) to the schema in db/ before
 * the TC starts: the init container of its Deployment runs this from the TC's own image. Flyway's lock in the
 * database makes replicas that start together wait for one another.
 */
public final class StoreSchemaMigration {

    private StoreSchemaMigration() {
    }

    public static void main(String[] args) {
        Flyway.configure()
                .dataSource(required("SEATA_STORE_DB_URL"), required("SEATA_STORE_DB_USER"),
                        required("SEATA_STORE_DB_PASSWORD"))
                .locations("classpath:db/seata-store")
                // The same history table as the tests' coordinator (devstack), so both agree on what ran.
                .table("seata_store_schema_history")
                .load()
                .migrate();
    }

    private static String required(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException(variable + " is not set");
        }
        return value;
    }
}
