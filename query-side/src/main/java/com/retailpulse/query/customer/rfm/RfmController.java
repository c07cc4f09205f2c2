package com.retailpulse.query.customer.rfm;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The quintile cut points behind every customer's R, F and M scores, so a score can be explained. */
@RestController
class RfmController {

    private final RfmThresholdsRefresher thresholds;

    RfmController(RfmThresholdsRefresher thresholds) {
        this.thresholds = thresholds;
    }

    @GetMapping("/api/v1/tags/rfm")
    RfmThresholds current() {
        return thresholds.current();
    }
}
