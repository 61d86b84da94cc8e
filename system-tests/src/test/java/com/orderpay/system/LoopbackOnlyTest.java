package com.orderpay.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderpay.devstack.OrderpayService;
import com.orderpay.devstack.OrderpayStack;
import com.orderpay.system.Storefront.Reply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * The whole system runs on loopback (README, "Loopback only"): after an order has gone through every part, no part
 * holds a socket on any other address, listening or not (a UDP socket bound on every interface receives from the
 * network as well), but the Seata TC's RPC port, which Seata binds on every interface and which closes anything but
 * loopback before reading a byte.
 */
class LoopbackOnlyTest {

    @Test
    void afterAPaidOrderNoPartHoldsASocketOutsideLoopbackButTheCoordinatorsRpcPort() {
        OrderpayStack stack = RunningSystem.get();
        Storefront api = RunningSystem.storefront();
        String admin = api.token("loopback-admin", "ADMIN", "USER");
        String sku = "LOOPBACK-" + UUID.randomUUID().toString().substring(0, 8);
        String buyer = "loopback-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.put("/api/admin/skus/" + sku, admin, Map.of("name", "Lamp", "price", "3.00", "onHand", 5))
                .status()).isEqualTo(201);
        assertThat(api.post("/api/admin/wallets/" + buyer + "/credits", admin, UUID.randomUUID().toString(),
                Map.of("amount", "10.00")).status()).isEqualTo(200);
        // Through the gateway's routes and rate limiter (Redis), order-service's Feign calls, the TC and its Redis.
        Reply placed = api.post("/api/orders", api.token(buyer, "USER"), UUID.randomUUID().toString(),
                Map.of("items", List.of(Map.of("skuId", sku, "quantity", 1)), "payNow", true));
        assertThat(placed.status()).as(placed.raw().body()).isEqualTo(201);

        Map<Long, String> parts = new LinkedHashMap<>();
        for (OrderpayService service : OrderpayService.values()) {
            parts.put(listener(stack.port(service)), service.serviceName());
        }
        long coordinator = listener(stack.coordinator().rpcPort());
        parts.put(coordinator, "seata-server (TC)");
        parts.put(listener(Sockets.port(stack.dbHostPort())), "MariaDB");
        parts.put(listener(Sockets.port(stack.redisHostPort())), "Redis");

        List<String> outsideLoopback = new ArrayList<>();
        for (String socket : Sockets.ss("-tulnpH")) {
            Matcher pid = Sockets.PID.matcher(socket);
            while (pid.find()) {
                String part = parts.get(Long.parseLong(pid.group(1)));
                String[] fields = socket.trim().split("\\s+");
                String local = fields[4];
                boolean coordinatorsRpcPort = part != null && Long.parseLong(pid.group(1)) == coordinator
                        && local.endsWith(":" + stack.coordinator().rpcPort()) && fields[0].equals("tcp");
                if (part != null && !loopback(local) && !coordinatorsRpcPort) {
                    outsideLoopback.add(part + ": " + fields[0] + " " + local);
                }
            }
        }
        assertThat(outsideLoopback).as("sockets of the system's parts outside loopback").isEmpty();
    }

    private static long listener(int port) {
        return Sockets.listener(port).orElseThrow(() -> new AssertionError("nothing listens on port " + port));
    }

    private static boolean loopback(String local) {
        return local.startsWith("127.") || local.startsWith("[::1]") || local.startsWith("[::ffff:127.");
    }
}
