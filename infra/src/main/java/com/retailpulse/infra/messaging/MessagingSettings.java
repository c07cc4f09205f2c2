package com.retailpulse.infra.messaging;

import com.retailpulse.command.customer.MessagingPolicy;
import com.retailpulse.contracts.message.Channel;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Messaging settings ({@code retailpulse.messaging}, docs/messaging.md): the channel topics and the
 * guardrails every customer's messages pass. A wrong channel code, time or zone stops the start with
 * the setting named.
 */
@ConfigurationProperties("retailpulse.messaging")
public record MessagingSettings(String topicPrefix, int topicPartitions, Caps caps, QuietHours quietHours, String zone,
                                Map<String, String> regionZones, Duration priorityWindow) {

    public record Caps(int daily, int weekly, Map<String, Integer> channelDaily, Map<String, Integer> channelWeekly) {
    }

    public record QuietHours(String from, String until, List<String> channels) {
    }

    public MessagingPolicy policy() {
        Map<String, ZoneId> regions = new LinkedHashMap<>();
        (regionZones == null ? Map.<String, String>of() : regionZones).forEach((region, id) ->
                regions.put(region, zone("retailpulse.messaging.region-zones." + region, id)));
        Set<Channel> quiet = EnumSet.noneOf(Channel.class);
        quietHours.channels().forEach(code -> quiet.add(channel("retailpulse.messaging.quiet-hours.channels", code)));
        return new MessagingPolicy(caps.daily(), caps.weekly(),
                perChannel("retailpulse.messaging.caps.channel-daily", caps.channelDaily()),
                perChannel("retailpulse.messaging.caps.channel-weekly", caps.channelWeekly()),
                time("retailpulse.messaging.quiet-hours.from", quietHours.from()),
                time("retailpulse.messaging.quiet-hours.until", quietHours.until()),
                quiet, zone("retailpulse.messaging.zone", zone), regions, priorityWindow);
    }

    private static Map<Channel, Integer> perChannel(String setting, Map<String, Integer> caps) {
        Map<Channel, Integer> result = new EnumMap<>(Channel.class);
        (caps == null ? Map.<String, Integer>of() : caps).forEach((code, cap) -> {
            if (cap == null || cap < 0) {
                throw new IllegalArgumentException(setting + "." + code + " must be 0 or more, got " + cap);
            }
            result.put(channel(setting, code), cap);
        });
        return result;
    }

    private static Channel channel(String setting, String code) {
        return Channel.fromCode(code).orElseThrow(() -> new IllegalArgumentException(
                setting + " names an unknown channel '" + code + "'; known: " + Channel.codes()));
    }

    private static LocalTime time(String setting, String value) {
        try {
            return LocalTime.parse(value);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException(setting + " must be a time such as 21:00, got '" + value + "'", e);
        }
    }

    private static ZoneId zone(String setting, String value) {
        try {
            return ZoneId.of(value);
        } catch (DateTimeException | NullPointerException e) {
            throw new IllegalArgumentException(setting + " must be a zone id such as Asia/Shanghai, got '" + value + "'", e);
        }
    }
}
