package com.orderpay.wallet;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import org.mybatis.spring.annotation.MapperScan;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** wallet-service: wallets, the append-only ledger, credits; a Seata TCC participant (freeze / debit / unfreeze). */
@SpringBootApplication
// Only real mappers: without the marker MyBatis would also register the @LocalTCC interface as a mapper.
@MapperScan(basePackages = "com.orderpay.wallet.persistence", markerInterface = BaseMapper.class)
public class WalletApplication {

    public static void main(String[] args) {
        SpringApplication.run(WalletApplication.class, args);
    }
}
