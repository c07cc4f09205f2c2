package com.retailpulse.contracts.customer;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Something a customer did that a source reported, before it is recorded on the customer. Each
 * kind becomes its own event ({@link #toEvent}); {@code interactionId} is the source's id for it
 * (e.g. a Segment messageId), so a redelivered interaction is recorded once.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = CustomerInteraction.ProductView.class, name = "product-view"),
        @JsonSubTypes.Type(value = CustomerInteraction.CartItemAdd.class, name = "cart-item-add"),
        @JsonSubTypes.Type(value = CustomerInteraction.CartItemRemove.class, name = "cart-item-remove"),
        @JsonSubTypes.Type(value = CustomerInteraction.CartView.class, name = "cart-view"),
        @JsonSubTypes.Type(value = CustomerInteraction.CheckoutStart.class, name = "checkout-start"),
        @JsonSubTypes.Type(value = CustomerInteraction.PageView.class, name = "page-view"),
        @JsonSubTypes.Type(value = CustomerInteraction.Login.class, name = "login"),
        @JsonSubTypes.Type(value = CustomerInteraction.Social.class, name = "social"),
        @JsonSubTypes.Type(value = CustomerInteraction.Custom.class, name = "custom")
})
public sealed interface CustomerInteraction {

    String interactionId();

    Instant occurredAt();

    CustomerEvent toEvent(CustomerId customerId);

    private static void require(String interactionId, Instant occurredAt) {
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (interactionId == null || interactionId.isBlank()) {
            throw new IllegalArgumentException("interactionId must not be blank");
        }
    }

    /** {@code dwell}: how long the product was viewed, when the source says so (else null). */
    record ProductView(String interactionId, Instant occurredAt, String channel, ProductRef product, Duration dwell)
            implements CustomerInteraction {
        public ProductView {
            require(interactionId, occurredAt);
            Objects.requireNonNull(product, "product");
            if (dwell != null && dwell.isNegative()) {
                throw new IllegalArgumentException("dwell must not be negative, got " + dwell);
            }
        }

        /** A view whose length the source does not report. */
        public ProductView(String interactionId, Instant occurredAt, String channel, ProductRef product) {
            this(interactionId, occurredAt, channel, product, null);
        }

        @Override
        public CustomerEvent toEvent(CustomerId customerId) {
            return new ProductViewedEvent(customerId, interactionId, occurredAt, channel, product, dwell);
        }
    }

    record CartItemAdd(String interactionId, Instant occurredAt, String channel, ProductRef product, int quantity)
            implements CustomerInteraction {
        public CartItemAdd {
            require(interactionId, occurredAt);
            Objects.requireNonNull(product, "product");
        }

        @Override
        public CustomerEvent toEvent(CustomerId customerId) {
            return new CartItemAddedEvent(customerId, interactionId, occurredAt, channel, product, quantity);
        }
    }

    record CartItemRemove(String interactionId, Instant occurredAt, String channel, ProductRef product, int quantity)
            implements CustomerInteraction {
        public CartItemRemove {
            require(interactionId, occurredAt);
            Objects.requireNonNull(product, "product");
        }

        @Override
        public CustomerEvent toEvent(CustomerId customerId) {
            return new CartItemRemovedEvent(customerId, interactionId, occurredAt, channel, product, quantity);
        }
    }

    record CartView(String interactionId, Instant occurredAt, String channel, List<ProductRef> products)
            implements CustomerInteraction {
        public CartView {
            require(interactionId, occurredAt);
            products = products == null ? List.of() : List.copyOf(products);
        }

        @Override
        public CustomerEvent toEvent(CustomerId customerId) {
            return new CartViewedEvent(customerId, interactionId, occurredAt, channel, products);
        }
    }

    record CheckoutStart(String interactionId, Instant occurredAt, String channel, String orderId, BigDecimal value,
                         String currency, List<ProductRef> products) implements CustomerInteraction {
        public CheckoutStart {
            require(interactionId, occurredAt);
            products = products == null ? List.of() : List.copyOf(products);
        }

        @Override
        public CustomerEvent toEvent(CustomerId customerId) {
            return new CheckoutStartedEvent(customerId, interactionId, occurredAt, channel, orderId, value, currency, products);
        }
    }

    /** {@code kind} is "page" (web, H5) or "screen" (app, mini-program). */
    record PageView(String interactionId, Instant occurredAt, String channel, String kind, String name, String category,
                    String path) implements CustomerInteraction {
        public PageView {
            require(interactionId, occurredAt);
        }

        @Override
        public CustomerEvent toEvent(CustomerId customerId) {
            return new PageViewedEvent(customerId, interactionId, occurredAt, channel, kind, name, category, path);
        }
    }

    record Login(String interactionId, Instant occurredAt, String channel) implements CustomerInteraction {
        public Login {
            require(interactionId, occurredAt);
        }

        @Override
        public CustomerEvent toEvent(CustomerId customerId) {
            return new LoggedInEvent(customerId, interactionId, occurredAt, channel);
        }
    }

    /** {@code target}: what was followed, shared or commented on (account, content or live-room id). */
    record Social(String interactionId, Instant occurredAt, String platform, SocialAction action, String target)
            implements CustomerInteraction {
        public Social {
            require(interactionId, occurredAt);
            Objects.requireNonNull(action, "action");
        }

        @Override
        public CustomerEvent toEvent(CustomerId customerId) {
            return new SocialInteractedEvent(customerId, interactionId, occurredAt, platform, action, target);
        }
    }

    /** An event no mapping knows: kept with its name and flat properties for tag definitions. */
    record Custom(String interactionId, Instant occurredAt, String channel, String name, Map<String, String> properties)
            implements CustomerInteraction {
        public Custom {
            require(interactionId, occurredAt);
            Objects.requireNonNull(name, "name");
            properties = properties == null ? Map.of() : Map.copyOf(properties);
        }

        @Override
        public CustomerEvent toEvent(CustomerId customerId) {
            return new CustomEventRecordedEvent(customerId, interactionId, occurredAt, channel, name, properties);
        }
    }
}
