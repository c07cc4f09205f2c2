package com.retailpulse.infra.campaigns;

import com.retailpulse.contracts.common.Money;
import com.retailpulse.contracts.message.Channel;
import com.retailpulse.sagas.campaign.ChannelCosts;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Message costs from {@code retailpulse.campaigns.unit-costs}: a channel that is not listed costs
 * nothing; a listed channel costs what is set in the budget's currency, and a currency it does not list
 * is an error (plans are checked against it when drafted and scheduled, so the dispatch never meets one).
 */
public final class SettingsChannelCosts implements ChannelCosts {

    private static final String SETTING = "retailpulse.campaigns.unit-costs";

    private final Map<Channel, Map<String, BigDecimal>> costs;

    private SettingsChannelCosts(Map<Channel, Map<String, BigDecimal>> costs) {
        this.costs = costs;
    }

    static SettingsChannelCosts of(Map<String, Map<String, BigDecimal>> configured) {
        Map<Channel, Map<String, BigDecimal>> costs = new EnumMap<>(Channel.class);
        configured.forEach((code, perCurrency) -> {
            Channel channel = Channel.fromCode(code).orElseThrow(() -> new IllegalArgumentException(
                    SETTING + " names an unknown channel '" + code + "'; known: " + Channel.codes()));
            if (perCurrency == null || perCurrency.isEmpty()) {
                throw new IllegalArgumentException(SETTING + "." + code + " lists no currency; give the cost of one message per "
                        + "currency, e.g. {CNY: 0.05}, or leave the channel out (free)");
            }
            Map<String, BigDecimal> amounts = new TreeMap<>();
            perCurrency.forEach((currency, amount) -> {
                String code3 = currency == null ? "" : currency.strip().toUpperCase(Locale.ROOT);
                if (!Money.isCurrencyCode(code3)) {
                    throw new IllegalArgumentException(SETTING + "." + code + " has '" + currency
                            + "', which is not a 3-letter ISO-4217 currency code");
                }
                if (amount == null || amount.signum() < 0) {
                    throw new IllegalArgumentException(SETTING + "." + code + "." + code3 + " must be zero or more, got " + amount);
                }
                amounts.put(code3, amount);
            });
            costs.put(channel, Collections.unmodifiableMap(amounts));
        });
        return new SettingsChannelCosts(costs);
    }

    @Override
    public Money unitCost(Channel channel, String currency) {
        String problem = problem(channel, currency);
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
        Map<String, BigDecimal> perCurrency = costs.get(channel);
        return perCurrency == null ? new Money(BigDecimal.ZERO, currency) : new Money(perCurrency.get(currency), currency);
    }

    /** Null when a message on {@code channel} can be costed in {@code currency}, else what is missing. */
    public String problem(Channel channel, String currency) {
        Map<String, BigDecimal> perCurrency = costs.get(channel);
        if (perCurrency == null || perCurrency.containsKey(currency)) {
            return null;
        }
        return SETTING + "." + channel.code() + " has costs in " + String.join(", ", perCurrency.keySet()) + " but not in " + currency
                + "; add " + SETTING + "." + channel.code() + "." + currency + " or budget in one of those currencies";
    }
}
