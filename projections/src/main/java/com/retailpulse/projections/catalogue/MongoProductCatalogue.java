package com.retailpulse.projections.catalogue;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.retailpulse.contracts.customer.ProductRef;
import com.retailpulse.projections.profile.ProductCatalogue;
import org.bson.Document;
import org.bson.types.Decimal128;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The brand's product catalogue (MongoDB {@code products}, one document per SKU), held in memory for
 * the projections that look up a SKU on every order line. Reference data, not customer history: a
 * replay uses the catalogue as it is then.
 */
public class MongoProductCatalogue implements ProductCatalogue {

    public static final String COLLECTION = "products";

    private final MongoCollection<Document> products;
    private volatile Map<String, ProductRef> bySku = Map.of();

    public MongoProductCatalogue(MongoDatabase database) {
        this.products = database.getCollection(COLLECTION);
        reload();
    }

    @Override
    public ProductRef find(String sku) {
        return bySku.get(sku);
    }

    public int size() {
        return bySku.size();
    }

    /** Adds or replaces the products (by SKU) and makes them visible at once. */
    public void upsert(List<ProductRef> entries) {
        if (entries.isEmpty()) {
            return;
        }
        products.bulkWrite(entries.stream().map(p -> new ReplaceOneModel<>(Filters.eq("_id", p.sku()), toDocument(p),
                new ReplaceOptions().upsert(true))).toList());
        Map<String, ProductRef> next = new ConcurrentHashMap<>(bySku);
        entries.forEach(p -> next.put(p.sku(), p));
        bySku = next;
    }

    /** Reads the whole catalogue again (other nodes may have imported). */
    public void reload() {
        Map<String, ProductRef> loaded = new ConcurrentHashMap<>();
        for (Document d : products.find()) {
            ProductRef p = fromDocument(d);
            loaded.put(p.sku(), p);
        }
        bySku = loaded;
    }

    private static Document toDocument(ProductRef p) {
        return new Document("_id", p.sku()).append("name", p.name()).append("category", p.category())
                .append("brand", p.brand()).append("price", p.price() == null ? null : new Decimal128(p.price()));
    }

    private static ProductRef fromDocument(Document d) {
        Object price = d.get("price");
        BigDecimal amount = price instanceof Decimal128 dec ? dec.bigDecimalValue()
                : price instanceof Number n ? new BigDecimal(n.toString()) : null;
        return new ProductRef(d.getString("_id"), d.getString("name"), d.getString("category"), d.getString("brand"), amount);
    }
}
