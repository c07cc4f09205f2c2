package com.retailpulse.query.customer.rfm;

import com.retailpulse.projections.profile.ProfileIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Recomputes the RFM quintiles from the whole population at a fixed delay
 * ({@code retailpulse.rfm.refresh-interval}), so scores follow the population as it changes.
 */
@Component
public class RfmThresholdsRefresher {

    private static final Logger log = LoggerFactory.getLogger(RfmThresholdsRefresher.class);

    private final ProfileIndex profiles;
    private final Clock clock;
    private final AtomicReference<RfmThresholds> current = new AtomicReference<>(RfmThresholds.NONE);

    public RfmThresholdsRefresher(ProfileIndex profiles, Clock clock) {
        this.profiles = profiles;
        this.clock = clock;
    }

    public RfmThresholds current() {
        return current.get();
    }

    @Scheduled(initialDelayString = "${retailpulse.rfm.initial-delay:5s}", fixedDelayString = "${retailpulse.rfm.refresh-interval:60s}")
    public void refresh() {
        try {
            RfmThresholds computed = RfmThresholds.of(profiles.rfmValues(), clock.instant());
            current.set(computed);
            log.debug("RFM quintiles recomputed over {} customers", computed.population());
        } catch (RuntimeException e) {
            log.warn("RFM quintiles not recomputed, keeping the previous ones: {}", e.getMessage());
        }
    }
}
