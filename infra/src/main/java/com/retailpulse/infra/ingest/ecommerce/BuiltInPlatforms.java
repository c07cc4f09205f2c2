package com.retailpulse.infra.ingest.ecommerce;

import java.util.List;
import java.util.Map;

/**
 * Mappings for the order JSON of Tmall/Taobao (a trade as the trade APIs return it: {@code tid},
 * {@code buyer_open_uid}, {@code orders.order[]}) and JD (an order of the POP order search:
 * {@code orderId}, {@code pin}, {@code itemInfoList[]}). A platform configured under the same name
 * replaces its built-in mapping whole.
 *
 * <p>Neither maps a phone: both platforms mask or encrypt phone numbers in order data, and the one
 * they carry is the receiver's, not necessarily the buyer's.
 */
final class BuiltInPlatforms {

    static final String TMALL = "tmall";
    static final String JD = "jd";

    private BuiltInPlatforms() {
    }

    static Map<String, MappingSettings> all() {
        return Map.of(TMALL, tmall(), JD, jd());
    }

    static MappingSettings tmall() {
        return new MappingSettings("/tid", "/buyer_open_uid", null, "/seller_nick",
                "/created", "/modified", "yyyy-MM-dd HH:mm:ss", "Asia/Shanghai",
                "/status",
                List.of("WAIT_SELLER_SEND_GOODS", "SELLER_CONSIGNED_PART", "WAIT_BUYER_CONFIRM_GOODS",
                        "TRADE_BUYER_SIGNED", "TRADE_FINISHED"),
                // TRADE_CLOSED: refunded after payment. TRADE_CLOSED_BY_TAOBAO (closed unpaid) is in neither list.
                List.of("TRADE_CLOSED"),
                null, "CNY",
                "/orders/order", new MappingSettings.Item("/outer_sku_id|/sku_id|/num_iid", "/title", "/num", "/price"));
    }

    static MappingSettings jd() {
        return new MappingSettings("/orderId", "/pin", null, "/venderId",
                "/orderStartTime", "/modified", "yyyy-MM-dd HH:mm:ss", "Asia/Shanghai",
                "/orderState",
                List.of("WAIT_SELLER_STOCK_OUT", "WAIT_SELLER_DELIVERY", "WAIT_GOODS_RECEIVE_CONFIRM", "FINISHED_L"),
                List.of("TRADE_CANCELED"),
                null, "CNY",
                "/itemInfoList", new MappingSettings.Item("/outerSkuId|/skuId", "/skuName", "/itemTotal", "/jdPrice"));
    }
}
