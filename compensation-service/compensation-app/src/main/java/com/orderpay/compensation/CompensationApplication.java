package com.orderpay.compensation;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import com.orderpay.compensation.config.AlertProperties;
import com.orderpay.compensation.config.ReconciliationProperties;
import com.orderpay.inventory.api.InventoryClient;
import com.orderpay.order.api.OrderClient;
import com.orderpay.wallet.api.WalletClient;
import org.mybatis.spring.annotation.MapperScan;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.openfeign.EnableFeignClients;

/**
 * compensation-service: finds what the coordinator could not finish or never knew about, repairs it through the
 * owners' internal APIs or flags it for a person, and raises the operational alerts.
 */
@SpringBootApplication
@EnableFeignClients(clients = {OrderClient.class, InventoryClient.class, WalletClient.class})
@EnableConfigurationProperties({ReconciliationProperties.class, AlertProperties.class})
@MapperScan(basePackages = "com.orderpay.compensation.persistence", markerInterface = BaseMapper.class)
public class CompensationApplication {

    public static void main(String[] args) {
        SpringApplication.run(CompensationApplication.class, args);
    }
}
