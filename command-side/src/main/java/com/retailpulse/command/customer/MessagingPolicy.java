package com.retailpulse.command.customer;

import com.retailpulse.contracts.message.Channel;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The guardrails every message to a customer passes (docs/messaging.md), given to the Customer aggregate
 * as a handler parameter.
 *
 * @param dailyCap          messages on any channel but the webhook in the last 24 hours, at most
 * @param weeklyCap         the same in the last 7 days
 * @param channelDailyCaps  per channel, in the last 24 hours (a channel not named has no cap of its own)
 * @param channelWeeklyCaps per channel, in the last 7 days
 * @param quietFrom         start of the quiet hours in the customer's zone (may be after {@code quietUntil}: they wrap midnight)
 * @param quietUntil        end of the quiet hours; equal to {@code quietFrom} means none
 * @param quietChannels     the channels that interrupt, which quiet hours hold back (an inbox or guide screen does not)
 * @param defaultZone       the zone of customers whose region names none
 * @param regionZones       a member profile's region → its zone (e.g. Xinjiang → Asia/Urumqi)
 * @param priorityWindow    how long a message silences messages of lower priority
 */
public record MessagingPolicy(int dailyCap, int weeklyCap, Map<Channel, Integer> channelDailyCaps,
                              Map<Channel, Integer> channelWeeklyCaps, LocalTime quietFrom, LocalTime quietUntil,
                              Set<Channel> quietChannels, ZoneId defaultZone, Map<String, ZoneId> regionZones,
                              Duration priorityWindow) {

    public MessagingPolicy {
        if (dailyCap < 1 || weeklyCap < dailyCap) {
            throw new IllegalArgumentException("message caps need 1 <= daily <= weekly, got daily " + dailyCap + ", weekly " + weeklyCap);
        }
        channelDailyCaps = channelDailyCaps.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(channelDailyCaps));
        channelWeeklyCaps = channelWeeklyCaps.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(channelWeeklyCaps));
        Objects.requireNonNull(quietFrom, "quietFrom");
        Objects.requireNonNull(quietUntil, "quietUntil");
        quietChannels = quietChannels.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(quietChannels));
        Objects.requireNonNull(defaultZone, "defaultZone");
        regionZones = Map.copyOf(regionZones);
        Objects.requireNonNull(priorityWindow, "priorityWindow");
    }

    public ZoneId zoneOf(String region) {
        return region == null ? defaultZone : regionZones.getOrDefault(region, defaultZone);
    }

    /** When the quiet hours around {@code at} end, or null when {@code at} is outside them (or the channel ignores them). */
    public Instant quietUntil(Channel channel, Instant at, ZoneId zone) {
        if (!quietChannels.contains(channel) || quietFrom.equals(quietUntil)) {
            return null;
        }
        ZonedDateTime local = at.atZone(zone);
        LocalTime time = local.toLocalTime();
        boolean wraps = quietFrom.isAfter(quietUntil);
        boolean quiet = wraps ? !time.isBefore(quietFrom) || time.isBefore(quietUntil)
                : !time.isBefore(quietFrom) && time.isBefore(quietUntil);
        if (!quiet) {
            return null;
        }
        ZonedDateTime end = local.with(quietUntil);
        if (!end.isAfter(local)) {
            end = local.plusDays(1).with(quietUntil);
        }
        return end.toInstant();
    }
}
