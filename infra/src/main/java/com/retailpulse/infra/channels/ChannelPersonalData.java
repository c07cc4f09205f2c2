package com.retailpulse.infra.channels;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.retailpulse.infra.privacy.PersonalDataStore;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the channels hold on a customer (docs/channels.md, "Personal data"): their inbox, their guide-screen
 * feed entries, their messages in the delivery ledger and in the dead letters. Erasure deletes the inbox,
 * feed and dead-letter documents, and strips the message (text and recipient) from the ledger entries, which
 * stay as bare message ids: they are what keeps a message read again from Kafka from being sent twice.
 */
final class ChannelPersonalData {

    private ChannelPersonalData() {
    }

    static PersonalDataStore inbox(MongoDatabase db) {
        return deleting("inbox", db.getCollection(Inbox.COLLECTION));
    }

    static PersonalDataStore guideScreenFeed(MongoDatabase db) {
        return deleting("guide-screen feed", db.getCollection(GuideScreenFeed.COLLECTION));
    }

    static PersonalDataStore deadLetters(MongoDatabase db) {
        return deleting("channel dead letters", db.getCollection(DeadLetters.COLLECTION));
    }

    static PersonalDataStore deliveries(MongoDatabase db) {
        return new Ledger(db.getCollection(DeliveryLedger.COLLECTION));
    }

    private static PersonalDataStore deleting(String name, MongoCollection<Document> collection) {
        return new PersonalDataStore() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<Map<String, Object>> export(String customerId) {
                return collection.find(Filters.eq("customerId", customerId)).map(d -> (Map<String, Object>) d).into(new ArrayList<>());
            }

            @Override
            public long erase(String customerId) {
                return collection.deleteMany(Filters.eq("customerId", customerId)).getDeletedCount();
            }
        };
    }

    private record Ledger(MongoCollection<Document> deliveries) implements PersonalDataStore {

        @Override
        public String name() {
            return "channel deliveries";
        }

        @Override
        public List<Map<String, Object>> export(String customerId) {
            return deliveries.find(Filters.eq("customerId", customerId)).map(d -> (Map<String, Object>) d).into(new ArrayList<>());
        }

        @Override
        public long erase(String customerId) {
            return deliveries.updateMany(Filters.and(Filters.eq("customerId", customerId), Filters.exists("message")),
                    Updates.unset("message")).getModifiedCount();
        }
    }
}
