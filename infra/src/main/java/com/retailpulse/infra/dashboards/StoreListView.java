package com.retailpulse.infra.dashboards;

import com.retailpulse.contracts.common.Money;

import java.util.List;

/** Stores with orders, most orders first: orders placed there, their distinct buyers, revenue in {@code currency}. */
record StoreListView(String currency, List<Row> stores) {

    record Row(String storeId, long orders, long customers, Money revenue) {
    }
}
