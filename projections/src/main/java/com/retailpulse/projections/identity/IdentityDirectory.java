package com.retailpulse.projections.identity;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The {@code customer_identities} collection: one document per identifier ("member:12347"), keyed by
 * it, with the customer record that owns it ({@code owner}) and the unified customer it resolves to
 * after merges ({@code customerId}).
 */
public class IdentityDirectory {

    public static final String COLLECTION = "customer_identities";

    private final MongoCollection<Document> identities;

    public IdentityDirectory(MongoDatabase database) {
        this.identities = database.getCollection(COLLECTION);
    }

    public void claimed(CustomerIdentifier identifier, CustomerId owner, Instant since) {
        routed(identifier, owner, owner, since);
    }

    public void routed(CustomerIdentifier identifier, CustomerId owner, CustomerId customer, Instant since) {
        Document doc = new Document("_id", identifier.key())
                .append("type", identifier.type().code())
                .append("owner", owner.value())
                .append("customerId", customer.value())
                .append("since", Date.from(since));
        identities.replaceOne(Filters.eq("_id", identifier.key()), doc, new ReplaceOptions().upsert(true));
    }

    /** The identifier no longer resolves to anyone (its owner's personal data was erased), unless claimed again since. */
    public void released(CustomerIdentifier identifier, CustomerId owner) {
        identities.deleteOne(Filters.and(Filters.eq("_id", identifier.key()), Filters.eq("owner", owner.value())));
    }

    /** The unified customer the identifier resolves to. */
    public Optional<CustomerId> find(CustomerIdentifier identifier) {
        Document doc = identities.find(Filters.eq("_id", identifier.key())).first();
        return Optional.ofNullable(doc).map(d -> new CustomerId(d.getString("customerId")));
    }

    /** Identifier keys that resolve to the customer, e.g. to show in its profile. */
    public List<String> identifiersOf(CustomerId customer) {
        return identities.find(Filters.eq("customerId", customer.value())).map(d -> d.getString("_id")).into(new java.util.ArrayList<>());
    }

    public void clear() {
        identities.deleteMany(new Document());
    }
}
