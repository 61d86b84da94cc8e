package com.orderpay.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the database was asked to do: MariaDB's global statement counters, read before and after the measured
 * window, so that the report can say how many statements, commits and of which kind one order costs (every
 * service's and the coordinator's together, as the server counts them).
 */
final class DatabaseWork {

    /** The report's columns: counter name to heading. {@code Questions} is every statement a client sent. */
    static final Map<String, String> COUNTERS = orderedCounters();

    private DatabaseWork() {
    }

    private static Map<String, String> orderedCounters() {
        Map<String, String> counters = new LinkedHashMap<>();
        counters.put("Questions", "statements");
        counters.put("Com_commit", "COMMIT");
        counters.put("Com_rollback", "ROLLBACK");
        counters.put("Com_select", "SELECT");
        counters.put("Com_insert", "INSERT");
        counters.put("Com_update", "UPDATE");
        counters.put("Com_delete", "DELETE");
        counters.put("Com_set_option", "SET");
        counters.put("Com_admin_commands", "ping etc.");
        return counters;
    }

    /** The counters now. */
    static Map<String, Long> sample(Connection connection) throws SQLException {
        Map<String, Long> values = new LinkedHashMap<>();
        String names = String.join("','", COUNTERS.keySet());
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW GLOBAL STATUS WHERE Variable_name IN ('" + names + "')")) {
            while (rows.next()) {
                values.put(rows.getString(1), Long.parseLong(rows.getString(2)));
            }
        }
        return values;
    }

    /** After minus before, counter by counter (empty when either could not be read). */
    static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new LinkedHashMap<>();
        for (String counter : COUNTERS.keySet()) {
            Long from = before.get(counter);
            Long to = after.get(counter);
            if (from != null && to != null) {
                delta.put(counter, to - from);
            }
        }
        return delta;
    }
}
