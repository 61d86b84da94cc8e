package com.orderpay.bench.baseline;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The benchmark's baseline, never deployed: the business writes of a paid order (stock, wallet, ledger, order) as
 * ONE local transaction in ONE database, on the same platform as the services and behind the same gateway, so that
 * the benchmark can state what the TCC global transaction costs.
 */
@SpringBootApplication
public class BaselineApplication {

    public static void main(String[] args) {
        SpringApplication.run(BaselineApplication.class, args);
    }
}
