package com.retailpulse.projections.profile;

import java.time.LocalDate;
import java.util.Optional;

/** Holiday calendars and weather by region, loaded by the brand, for context conditions in tag definitions. */
public interface ContextData {

    record Weather(double minTempC, double maxTempC, String condition) {
    }

    /** Whether the region has a holiday on a day in [from, to]. */
    boolean holidayBetween(String region, LocalDate from, LocalDate to);

    Optional<Weather> weather(String region, LocalDate day);

    ContextData NONE = new ContextData() {
        @Override
        public boolean holidayBetween(String region, LocalDate from, LocalDate to) {
            return false;
        }

        @Override
        public Optional<Weather> weather(String region, LocalDate day) {
            return Optional.empty();
        }
    };
}
