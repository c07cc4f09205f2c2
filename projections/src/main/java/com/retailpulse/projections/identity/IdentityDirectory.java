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
import java.util.Optional;

/**
 * The {@code customer_identities} collection: one document per identifier ("member:12347"),
 * keyed by it, so an identifier can point at one customer only.
 */
public class IdentityDirectory {

    public static final String COLLECTION = "customer_identities";

    private final MongoCollection<Document> identities;

    public IdentityDirectory(MongoDatabase database) {
        this.identities = database.getCollection(COLLECTION);
    }

    public void link(CustomerIdentifier identifier, CustomerId customerId, Instant since) {
        Document doc = new Document("_id", identifier.key())
                .append("type", identifier.type().code())
                .append("customerId", customerId.value())
                .append("since", Date.from(since));
        identities.replaceOne(Filters.eq("_id", identifier.key()), doc, new ReplaceOptions().upsert(true));
    }

    public Optional<CustomerId> find(CustomerIdentifier identifier) {
        Document doc = identities.find(Filters.eq("_id", identifier.key())).first();
        return Optional.ofNullable(doc).map(d -> new CustomerId(d.getString("customerId")));
    }

    public void clear() {
        identities.deleteMany(new Document());
    }
}
