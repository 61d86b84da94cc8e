package com.orderpay.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import com.orderpay.platform.startup.RequiredSettings;
import org.springframework.context.annotation.Bean;

/** The public edge of orderpay: routes {@code /api/**} to the services with a verified identity. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }

    /** Outside the local profile, secrets have no defaults: a missing one stops the start, naming it. */
    @Bean
    static RequiredSettings requiredSettings() {
        return new RequiredSettings();
    }
}
