package com.retailpulse.infra.dashboards;

import com.retailpulse.contracts.common.Money;
import com.retailpulse.contracts.message.Channel;
import com.retailpulse.infra.campaigns.SettingsChannelCosts;
import com.retailpulse.infra.web.InvalidRequestException;
import com.retailpulse.projections.interaction.InteractionFacts;
import com.retailpulse.projections.interaction.InteractionQueries;
import com.retailpulse.projections.interaction.InteractionQueries.Dimension;
import com.retailpulse.projections.interaction.InteractionQueries.Interval;
import com.retailpulse.projections.profile.ProfileIndex;
import com.retailpulse.projections.profile.TagSettings;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Dashboards from the interactions facts (docs/dashboards.md): {@code GET /api/v1/dashboards/marketing}
 * (exposure to ROI over time, broken down by a dimension), {@code GET /api/v1/dashboards/stores} and
 * {@code GET /api/v1/dashboards/stores/{storeId}} (what a store's customers prefer). ANALYST, MARKETER, ADMIN.
 */
@RestController
@RequestMapping("/api/v1/dashboards")
class DashboardController {

    /** Series × time buckets a marketing query may ask for (keeps Elasticsearch well below its bucket limit). */
    static final int MAX_CELLS = 2_000;
    static final int MAX_TOP = 50;

    private final InteractionQueries queries;
    private final InteractionFacts facts;
    private final SettingsChannelCosts costs;
    private final ProfileIndex profiles;
    private final TagSettings tags;
    private final Clock clock;
    private final String defaultCurrency;

    DashboardController(InteractionQueries queries, InteractionFacts facts, SettingsChannelCosts costs, ProfileIndex profiles,
                        TagSettings tags, Clock clock, @Value("${retailpulse.dashboards.currency}") String defaultCurrency) {
        this.queries = queries;
        this.facts = facts;
        this.costs = costs;
        this.profiles = profiles;
        this.tags = tags;
        this.clock = clock;
        this.defaultCurrency = defaultCurrency;
    }

    @GetMapping("/marketing")
    MarketingView marketing(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                            @RequestParam(defaultValue = "day") String bucket, @RequestParam(required = false) String by,
                            @RequestParam(required = false) String campaign, @RequestParam(required = false) String journey,
                            @RequestParam(required = false) String channel, @RequestParam(required = false) String currency,
                            @RequestParam(defaultValue = "10") String top, @RequestParam(defaultValue = "true") boolean ltv) {
        List<String> errors = new ArrayList<>();
        Instant end = instant("to", to, clock.instant(), errors);
        Instant start = instant("from", from, end == null ? null : end.minus(Duration.ofDays(7)), errors);
        if (start != null && end != null && !start.isBefore(end)) {
            errors.add("from: must be before to, got from " + start + " and to " + end);
        }
        Interval interval = parse("bucket", bucket, Interval.class, errors);
        Dimension dimension = by == null || by.isBlank() ? null : parse("by", by, Dimension.class, errors);
        Integer topKeys = integer("top", top, 1, MAX_TOP, errors);
        String inCurrency = currency(currency, errors);
        String channelCode = null;
        if (channel != null && !channel.isBlank()) {
            channelCode = Channel.fromCode(channel).map(Channel::code).orElse(null);
            if (channelCode == null) {
                errors.add("channel: unknown channel '" + channel + "'; known: " + Channel.codes());
            }
        }
        if (inCurrency != null) {
            for (Channel c : Channel.values()) {
                String problem = costs.problem(c, inCurrency);
                if (problem != null) {
                    errors.add("currency: messages cannot be costed in " + inCurrency + ": " + problem);
                    break;
                }
            }
        }
        if (errors.isEmpty()) {
            Duration step = interval == Interval.HOUR ? Duration.ofHours(1) : Duration.ofDays(1);
            long buckets = (Duration.between(start, end).toMillis() + step.toMillis() - 1) / step.toMillis();
            long cells = buckets * (dimension == null ? 1 : topKeys + 1);
            if (cells > MAX_CELLS) {
                errors.add("bucket: " + buckets + " " + interval.name().toLowerCase(Locale.ROOT) + " buckets"
                        + (dimension == null ? "" : " × " + (topKeys + 1) + " series") + " is more than " + MAX_CELLS
                        + "; ask for a shorter range, bucket=day or a smaller top");
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("Invalid dashboard query", errors);
        }
        var filter = new InteractionQueries.Filter(blankToNull(campaign), blankToNull(journey), channelCode);
        var figures = queries.marketing(start, end, interval, tags.zone(), dimension, topKeys, filter, inCurrency);
        var lifetime = ltv ? queries.ltv(start, end, filter, profiles.name(), 10_000) : null;
        return MarketingView.of(start, end, interval, dimension, tags.zone(), inCurrency, facts.conversionWindow(), filter, figures,
                lifetime, costs);
    }

    @GetMapping("/stores")
    StoreListView stores(@RequestParam(required = false) String currency, @RequestParam(defaultValue = "100") String top) {
        List<String> errors = new ArrayList<>();
        String inCurrency = currency(currency, errors);
        Integer size = integer("top", top, 1, 1_000, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("Invalid store query", errors);
        }
        return new StoreListView(inCurrency, queries.stores(inCurrency, size).stream()
                .map(r -> new StoreListView.Row(r.storeId(), r.orders(), r.customers(), MarketingView.money(r.revenue(), inCurrency)))
                .toList());
    }

    @GetMapping("/stores/{storeId}")
    StoreView store(@PathVariable String storeId, @RequestParam(required = false) String currency,
                    @RequestParam(defaultValue = "10") String top) {
        List<String> errors = new ArrayList<>();
        String inCurrency = currency(currency, errors);
        Integer size = integer("top", top, 1, MAX_TOP, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("Invalid store query", errors);
        }
        var store = queries.store(storeId, inCurrency, size);
        if (store.customers() == 0 && store.orders() == 0) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "storeId: no order was placed in store '" + storeId + "'");
        }
        return StoreView.of(store, inCurrency);
    }

    private static Instant instant(String name, String value, Instant otherwise, List<String> errors) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(value.strip()).toInstant();
            } catch (DateTimeParseException again) {
                errors.add(name + ": not an ISO-8601 instant such as 2026-11-24T00:00:00Z, got '" + value + "'");
                return null;
            }
        }
    }

    private static <E extends Enum<E>> E parse(String name, String value, Class<E> type, List<String> errors) {
        String wanted = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(wanted)) {
                return e;
            }
        }
        errors.add(name + ": unknown value '" + value + "'; known: " + Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        return null;
    }

    private static Integer integer(String name, String value, int min, int max, List<String> errors) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(name + ": must be a whole number from " + min + " to " + max + ", got '" + value + "'");
        return null;
    }

    private String currency(String value, List<String> errors) {
        String code = value == null || value.isBlank() ? defaultCurrency : value.strip().toUpperCase(Locale.ROOT);
        if (!Money.isCurrencyCode(code)) {
            errors.add("currency: not a 3-letter ISO-4217 currency code: '" + value + "'");
            return null;
        }
        return code;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
