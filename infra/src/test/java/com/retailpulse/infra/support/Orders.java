package com.retailpulse.infra.support;

/** Order JSON in the ingest contract, for tests. */
public final class Orders {
    private Orders() {
    }

    public static String json(String orderId, String member, String placedAt, int quantity, String unitPrice) {
        return """
                {"orderId":"%s","customer":{"type":"member","value":"%s"},"placedAt":"%s","currency":"GBP",
                 "lines":[{"sku":"85123A","name":"WHITE HANGING HEART T-LIGHT HOLDER","quantity":%d,"unitPrice":%s}],
                 "channel":"pos","storeId":"store-7"}
                """.formatted(orderId, member, placedAt, quantity, unitPrice);
    }

    /** A member code no other test uses. */
    public static String newMember() {
        return "m" + System.nanoTime();
    }
}
