package com.retailpulse.projections.interaction;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import com.retailpulse.projections.index.AliasedIndex;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code interactions} index (docs/dashboards.md): facts for dashboards and store insights, one
 * document per fact, each with an id derived from what it is a fact of, so writing it again changes nothing:
 * <ul>
 *   <li>{@code message:<messageId>}: a message, its dimensions (source, step, arm, channel, the customer's
 *       segments and store when it was sent) and the stages it reached, each with its time;</li>
 *   <li>{@code order:<customerId>:<orderId>}: an order (revenue, store, order channel, categories) and the
 *       message it converts for, with that message's dimensions, if any;</li>
 *   <li>{@code coupon:<code>}: a coupon (issued, sent with a message, redeemed with its discount);</li>
 *   <li>{@code customer:<customerId>}: the projection's memory of one customer, also what store insights read.</li>
 * </ul>
 * Messages and coupons are written as partial documents (upserts), so their facts may arrive in any order;
 * orders and customers are written whole. Behind an {@link AliasedIndex}, so it is rebuilt by replay while
 * the old index keeps serving.
 */
public class InteractionFacts {

    public static final String MESSAGE = "message";
    public static final String ORDER = "order";
    public static final String COUPON = "coupon";
    public static final String CUSTOMER = "customer";

    private final ElasticsearchClient client;
    private final AliasedIndex index;
    private final Duration conversionWindow;

    public InteractionFacts(ElasticsearchClient client, AliasedIndex index, Duration conversionWindow) {
        if (conversionWindow == null || conversionWindow.isNegative() || conversionWindow.isZero()) {
            throw new IllegalArgumentException("retailpulse.dashboards.conversion-window must be a positive duration such as 7d, got "
                    + conversionWindow);
        }
        this.client = client;
        this.index = index;
        this.conversionWindow = conversionWindow;
    }

    public AliasedIndex index() {
        return index;
    }

    public Duration conversionWindow() {
        return conversionWindow;
    }

    /** Every field is typed here; anything else a document carries is kept, not indexed. */
    public static TypeMapping mapping() {
        Property keyword = Property.of(p -> p.keyword(k -> k));
        Property date = Property.of(p -> p.date(d -> d));
        Property money = Property.of(p -> p.double_(d -> d));
        Property count = Property.of(p -> p.long_(l -> l));
        TypeMapping.Builder m = new TypeMapping.Builder().dynamic(DynamicMapping.False);
        for (String field : List.of("type", "customerId", "messageId", "channel", "sourceKind", "sourceKey", "run", "step", "arm",
                "campaign", "journey", "variant", "node", "segments", "storeId", "offerId", "couponCode", "suppressionReason",
                "orderId", "currency", "orderChannel", "categories", "homeStore", "stores", "orderChannels", "engagedChannels")) {
            m.properties(field, keyword);
        }
        for (String field : List.of("acceptedAt", "deliveredAt", "openedAt", "clickedAt", "failedAt", "suppressedAt", "placedAt",
                "messageDeliveredAt", "issuedAt", "redeemedAt")) {
            m.properties(field, date);
        }
        m.properties("revenue", money).properties("discount", money)
                .properties("sourceVersion", count).properties("units", count).properties("orders", count)
                .properties("storeOrders", count).properties("onlineOrders", count).properties("seq", count)
                .properties("attributed", Property.of(p -> p.boolean_(b -> b)))
                .properties("messages", Property.of(p -> p.object(o -> o.enabled(false))));
        return m.build();
    }

    static String customerId(String customerId) {
        return CUSTOMER + ":" + customerId;
    }

    /** The customers' documents as last written (real-time reads: no refresh needed); missing ones come back empty. */
    Map<String, CustomerFacts> customers(Collection<String> customerIds) {
        if (customerIds.isEmpty()) {
            return Map.of();
        }
        try {
            MgetResponse<CustomerFacts> response = client.mget(m -> m.index(index.writeAlias())
                    .ids(customerIds.stream().map(InteractionFacts::customerId).toList()), CustomerFacts.class);
            Map<String, CustomerFacts> found = new HashMap<>();
            for (MultiGetResponseItem<CustomerFacts> item : response.docs()) {
                if (item.isFailure()) {
                    throw new IllegalStateException("cannot read " + item.failure().id() + ": " + item.failure().error().reason());
                }
                String id = item.result().id().substring(CUSTOMER.length() + 1);
                found.put(id, item.result().found() ? item.result().source() : CustomerFacts.empty(id));
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read customers from " + index.writeAlias(), e);
        }
    }

    /**
     * Writes partial documents ({@code upserts}, merged into what is there) and whole ones ({@code documents})
     * in one bulk request; fails, so that the batch is retried, if any write failed.
     */
    void write(Map<String, Map<String, Object>> upserts, Map<String, Object> documents) {
        if (upserts.isEmpty() && documents.isEmpty()) {
            return;
        }
        BulkRequest.Builder bulk = new BulkRequest.Builder().index(index.writeAlias());
        upserts.forEach((id, doc) -> bulk.operations(op -> op.update(u -> u.id(id).action(a -> a.doc(doc).docAsUpsert(true)))));
        documents.forEach((id, doc) -> bulk.operations(op -> op.index(i -> i.id(id).document(doc))));
        try {
            BulkResponse response = client.bulk(bulk.build());
            if (response.errors()) {
                String reasons = response.items().stream().filter(i -> i.error() != null)
                        .map(i -> i.id() + ": " + i.error().type() + " " + i.error().reason()).limit(5).collect(Collectors.joining("; "));
                throw new IllegalStateException("interaction facts not written, the batch will be retried: " + reasons);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write interaction facts to " + index.writeAlias(), e);
        }
    }
}
