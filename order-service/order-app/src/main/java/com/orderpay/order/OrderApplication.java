package com.orderpay.order;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import com.orderpay.inventory.api.InventoryClient;
import com.orderpay.order.config.OrderProperties;
import com.orderpay.wallet.api.WalletClient;
import org.mybatis.spring.annotation.MapperScan;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.openfeign.EnableFeignClients;

/** order-service: orders and their payment deadlines; the Seata TM that places and pays them. */
@SpringBootApplication
@EnableFeignClients(clients = {InventoryClient.class, WalletClient.class})
@EnableConfigurationProperties(OrderProperties.class)
// Only real mappers: without the marker MyBatis would also register the @LocalTCC interface as a mapper.
@MapperScan(basePackages = "com.orderpay.order.persistence", markerInterface = BaseMapper.class)
public class OrderApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrderApplication.class, args);
    }
}
