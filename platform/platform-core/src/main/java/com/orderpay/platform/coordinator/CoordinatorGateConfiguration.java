package com.orderpay.platform.coordinator;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.seata.core.rpc.netty.TmNettyRemotingClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** In every servlet service that is a Seata client: the gate, its gauge, and its check on calls carrying an XID. */
@AutoConfiguration
@ConditionalOnClass(TmNettyRemotingClient.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(name = "seata.enabled", matchIfMissing = true)
public class CoordinatorGateConfiguration {

    @Bean(destroyMethod = "close")
    CoordinatorGate coordinatorGate(@Value("${seata.tx-service-group}") String transactionServiceGroup,
            ObjectProvider<MeterRegistry> registry) {
        return new CoordinatorGate(transactionServiceGroup, new CoordinatorChannels(transactionServiceGroup),
                registry.getIfAvailable());
    }

    @Bean
    WebMvcConfigurer branchCallGate(CoordinatorGate gate) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new BranchCallGate(gate));
            }
        };
    }
}
