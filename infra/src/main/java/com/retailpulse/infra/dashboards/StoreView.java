package com.retailpulse.infra.dashboards;

import com.retailpulse.contracts.common.Money;
import com.retailpulse.projections.interaction.InteractionQueries;

import java.util.List;

/**
 * What one store's customers prefer (docs/dashboards.md). A store's customers are the customer records with at
 * least one order placed in it; shares are of those customers (orders, for what is bought in the store).
 */
record StoreView(String storeId, String currency, Customers customers, Orders ordersHere) {

    record Share(String value, long count, double share) {
    }

    record Customers(long count, long homeCustomers, long alsoOnline, double alsoOnlineShare, long onlyInStore,
                     long engagedWithMessages, List<Share> categories, List<Share> segments, List<Share> orderChannels,
                     List<Share> messageChannels) {
    }

    record Orders(long count, Money revenue, List<Share> categories, List<Share> orderChannels) {
    }

    static StoreView of(InteractionQueries.StoreFacts s, String currency) {
        return new StoreView(s.storeId(), currency,
                new Customers(s.customers(), s.homeCustomers(), s.alsoOnline(), share(s.alsoOnline(), s.customers()), s.onlyInStore(),
                        s.engagedWithMessages(), shares(s.categoriesBought(), s.customers()), shares(s.segments(), s.customers()),
                        shares(s.orderChannels(), s.customers()), shares(s.messageChannels(), s.customers())),
                new Orders(s.orders(), MarketingView.money(s.revenue(), currency), shares(s.categoriesBoughtHere(), s.orders()),
                        shares(s.orderChannelsHere(), s.orders())));
    }

    private static List<Share> shares(List<InteractionQueries.Share> values, long of) {
        return values.stream().map(v -> new Share(v.value(), v.count(), share(v.count(), of))).toList();
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
