package com.orderpay.compensation.web;

import com.orderpay.compensation.api.AlertPageResponse;
import com.orderpay.compensation.persistence.AlertEntity;
import com.orderpay.compensation.persistence.AlertMapper;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The alerts, newest first (ADMIN, through the gateway's operations route). */
@RestController
public class AlertController {

    private final AlertMapper alerts;

    public AlertController(AlertMapper alerts) {
        this.alerts = alerts;
    }

    /**
     * @param state FIRING or RESOLVED; all when absent
     * @param since ISO-8601: alerts raised, seen firing or resolved since then
     */
    @GetMapping("/api/admin/alerts")
    public AlertPageResponse alerts(@RequestParam(name = "state", required = false) String state,
            @RequestParam(name = "since", required = false) String since,
            @RequestParam(name = "limit", required = false) Integer limit,
            @RequestParam(name = "cursor", required = false) String cursor) {
        int size = Paging.limit(limit);
        List<AlertEntity> rows = alerts.page(Paging.oneOf("state", state, List.of("FIRING", "RESOLVED")),
                Paging.instant("since", since), Paging.decodeId("alert", cursor), size + 1);
        List<AlertEntity> page = rows.size() > size ? rows.subList(0, size) : rows;
        return new AlertPageResponse(page.stream().map(CompensationResponses::alert).toList(),
                rows.size() > size ? Paging.encode("alert", String.valueOf(page.get(size - 1).alertId)) : null);
    }
}
