package com.orderpay.order.component;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading values out of a Prometheus scrape. */
final class PrometheusScrape {

    private PrometheusScrape() {
    }

    /** The sum of the samples of {@code name} whose labels contain {@code labelMatch} (empty: all of them). */
    static double sum(String scrape, String name, String labelMatch) {
        Matcher line = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)} (\\S+)$", Pattern.MULTILINE)
                .matcher(scrape);
        double sum = 0;
        while (line.find()) {
            if (line.group(1).contains(labelMatch)) {
                sum += Double.parseDouble(line.group(2));
            }
        }
        return sum;
    }
}
