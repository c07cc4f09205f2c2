package com.retailpulse.contracts.journey;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.time.Duration;
import java.util.Arrays;

/**
 * Whether a customer may enter a journey again: {@code never}; {@code after-exit}, once their run ended;
 * or {@code after-cooldown}, once their run ended and {@code cooldown} passed since they entered.
 */
public record Reentry(Policy policy, Duration cooldown) {

    public enum Policy {
        NEVER("never"), AFTER_EXIT("after-exit"), AFTER_COOLDOWN("after-cooldown");

        private final String code;

        Policy(String code) {
            this.code = code;
        }

        @JsonValue
        public String code() {
            return code;
        }

        @JsonCreator
        public static Policy ofCode(String code) {
            return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("unknown re-entry policy '" + code + "'; known: never, after-exit, after-cooldown"));
        }
    }

    public static Reentry never() {
        return new Reentry(Policy.NEVER, null);
    }

    public static Reentry afterExit() {
        return new Reentry(Policy.AFTER_EXIT, null);
    }

    public static Reentry afterCooldown(Duration cooldown) {
        return new Reentry(Policy.AFTER_COOLDOWN, cooldown);
    }
}
