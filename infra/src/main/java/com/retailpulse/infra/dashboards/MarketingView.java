package com.retailpulse.infra.dashboards;

import com.retailpulse.contracts.common.Money;
import com.retailpulse.contracts.message.Channel;
import com.retailpulse.infra.campaigns.SettingsChannelCosts;
import com.retailpulse.projections.interaction.InteractionQueries;
import com.retailpulse.projections.interaction.InteractionQueries.Dimension;
import com.retailpulse.projections.interaction.InteractionQueries.Figures;
import com.retailpulse.projections.interaction.InteractionQueries.Interval;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The marketing dashboard as the API answers it; docs/dashboards.md defines each figure. */
record MarketingView(Instant from, Instant to, String bucket, String by, String zone, String currency, Duration conversionWindow,
                     InteractionQueries.Filter filter, FiguresView totals, List<BucketView> series, List<SeriesView> breakdown,
                     LtvView ltv) {

    record FiguresView(long exposure, long delivered, long opened, long clicked, long failed, long suppressed, long converted,
                       Money revenue, long couponsRedeemed, Money couponCost, Money messageCost, Money cost, Double roi,
                       Double deliveryRate, Double openRate, Double clickRate, Double conversionRate) {
    }

    record BucketView(Instant start, FiguresView figures) {
    }

    record SeriesView(String key, FiguresView totals, List<BucketView> series) {
    }

    record LtvView(long customersReached, long withHistoricLtv, Double averageHistoricLtv, long withPredictedLtv,
                   Double averagePredictedValue12m) {
    }

    static MarketingView of(Instant from, Instant to, Interval interval, Dimension by, ZoneId zone, String currency, Duration window,
                            InteractionQueries.Filter filter, InteractionQueries.Marketing figures, InteractionQueries.Ltv ltv,
                            SettingsChannelCosts costs) {
        return new MarketingView(from, to, interval.name().toLowerCase(Locale.ROOT), by == null ? null : by.name().toLowerCase(Locale.ROOT),
                zone.getId(), currency, window, filter, figures(figures.all().totals(), currency, costs),
                buckets(figures.all(), currency, costs),
                figures.breakdown().stream().map(s -> new SeriesView(s.key(), figures(s.totals(), currency, costs),
                        buckets(s, currency, costs))).toList(),
                ltv == null ? null : new LtvView(ltv.customersReached(), ltv.withHistoric(),
                        ltv.withHistoric() == 0 ? null : ltv.historicSum() / ltv.withHistoric(), ltv.withPredicted(),
                        ltv.withPredicted() == 0 ? null : ltv.predictedSum() / ltv.withPredicted()));
    }

    private static List<BucketView> buckets(InteractionQueries.Series series, String currency, SettingsChannelCosts costs) {
        return series.buckets().entrySet().stream().map(e -> new BucketView(e.getKey(), figures(e.getValue(), currency, costs))).toList();
    }

    static FiguresView figures(Figures f, String currency, SettingsChannelCosts costs) {
        BigDecimal messageCost = BigDecimal.ZERO;
        for (Map.Entry<String, Long> e : f.exposureByChannel().entrySet()) {
            Channel channel = Channel.fromCode(e.getKey()).orElse(null);
            if (channel != null) {
                messageCost = messageCost.add(costs.unitCost(channel, currency).amount().multiply(BigDecimal.valueOf(e.getValue())));
            }
        }
        Money revenue = money(f.revenue(), currency);
        Money couponCost = money(f.couponCost(), currency);
        Money message = new Money(messageCost.setScale(Math.max(scale(currency), messageCost.scale()), RoundingMode.HALF_UP), currency);
        BigDecimal cost = couponCost.amount().add(message.amount());
        Double roi = cost.signum() == 0 ? null
                : revenue.amount().subtract(cost).divide(cost, 6, RoundingMode.HALF_UP).doubleValue();
        return new FiguresView(f.exposure(), f.delivered(), f.opened(), f.clicked(), f.failed(), f.suppressed(), f.converted(), revenue,
                f.couponsRedeemed(), couponCost, message, new Money(cost, currency), roi, rate(f.delivered(), f.exposure()),
                rate(f.opened(), f.delivered()), rate(f.clicked(), f.delivered()), rate(f.converted(), f.delivered()));
    }

    static Money money(double amount, String currency) {
        return new Money(BigDecimal.valueOf(amount).setScale(scale(currency), RoundingMode.HALF_UP), currency);
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    private static int scale(String currency) {
        try {
            return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            return 2;
        }
    }
}
