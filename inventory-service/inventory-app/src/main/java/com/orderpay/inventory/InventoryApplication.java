package com.orderpay.inventory;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import org.mybatis.spring.annotation.MapperScan;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** inventory-service: SKUs, stock figures and stock reservations; a Seata TCC participant. */
@SpringBootApplication
// Only real mappers: without the marker MyBatis would also register the @LocalTCC interfaces as mappers.
@MapperScan(basePackages = "com.orderpay.inventory.persistence", markerInterface = BaseMapper.class)
public class InventoryApplication {

    public static void main(String[] args) {
        SpringApplication.run(InventoryApplication.class, args);
    }
}
