package com.orderpay.compensation.traffic.web;

import com.orderpay.compensation.api.TrafficOverviewResponse;
import com.orderpay.compensation.traffic.TrafficHistory;
import com.orderpay.platform.problem.ProblemException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Order traffic for the operations console's chart (ADMIN, through the gateway's operations route). */
@RestController
public class TrafficController {

    private final TrafficHistory traffic;

    public TrafficController(TrafficHistory traffic) {
        this.traffic = traffic;
    }

    /** @param window an ISO-8601 duration up to an hour; 15 minutes when absent */
    @GetMapping("/api/admin/metrics/overview")
    public TrafficOverviewResponse overview(@RequestParam(name = "window", required = false) String window) {
        Duration span;
        try {
            span = window == null || window.isBlank() ? Duration.ofMinutes(15) : Duration.parse(window);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidParameter("window", "must be an ISO-8601 duration, e.g. PT15M");
        }
        if (span.compareTo(Duration.ofMinutes(1)) < 0 || span.compareTo(TrafficHistory.HISTORY) > 0) {
            throw ProblemException.invalidParameter("window", "must be between PT1M and " + TrafficHistory.HISTORY);
        }
        return traffic.overview(span);
    }
}
