package com.retailpulse.contracts.journey;

import com.retailpulse.contracts.customer.CartItemAddedEvent;
import com.retailpulse.contracts.customer.CartItemRemovedEvent;
import com.retailpulse.contracts.customer.CheckoutStartedEvent;
import com.retailpulse.contracts.customer.CustomEventRecordedEvent;
import com.retailpulse.contracts.customer.CustomerEvent;
import com.retailpulse.contracts.customer.LoggedInEvent;
import com.retailpulse.contracts.customer.OrderCancelledEvent;
import com.retailpulse.contracts.customer.OrderPlacedEvent;
import com.retailpulse.contracts.customer.PageViewedEvent;
import com.retailpulse.contracts.customer.ProductRef;
import com.retailpulse.contracts.customer.ProductViewedEvent;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A kind of customer event, optionally narrowed by properties: {@code {"event": "product-view",
 * "where": {"category": "stroller"}}}. Events: login, product-view, cart-item-add, cart-item-remove,
 * checkout-start, page-view, order, order-cancel, and {@code custom:<name>} for a custom event. Properties:
 * {@code sku} (a viewed or carted product, any product of a checkout, any line of an order), {@code category}
 * and {@code brand} (of viewed, carted and checked-out products; a page's category), {@code channel},
 * {@code minValue} (an order's or checkout's total at least), {@code minDwell} (product views only: viewed at
 * least this long, an ISO-8601 duration such as {@code PT30S}; a view whose source did not report its
 * length never matches), and a custom event's own properties.
 */
public record EventSpec(String event, Map<String, String> where) {

    public static final Set<String> EVENTS = Set.of("login", "product-view", "cart-item-add", "cart-item-remove",
            "checkout-start", "page-view", "order", "order-cancel");
    /** The {@code where} property asking for a product view at least this long. */
    public static final String MIN_DWELL = "minDwell";

    public EventSpec {
        Objects.requireNonNull(event, "event");
        where = where == null ? Map.of() : Map.copyOf(new TreeMap<>(where));
    }

    public static EventSpec of(String event) {
        return new EventSpec(event, Map.of());
    }

    /** Null when the event is one the journeys know and its filters make sense; else what is wrong. */
    public String problem() {
        if (!EVENTS.contains(event) && !(event.startsWith("custom:") && event.length() > "custom:".length())) {
            return "unknown event '" + event + "'; known: " + String.join(", ", new TreeSet<>(EVENTS)) + ", custom:<name>";
        }
        if (where.containsKey(MIN_DWELL)) {
            if (!event.equals("product-view")) {
                return "where." + MIN_DWELL + ": only product-view events have a dwell time, not '" + event + "'";
            }
            if (minDwell() == null) {
                return "where." + MIN_DWELL + ": must be a positive ISO-8601 duration such as PT30S, got '" + where.get(MIN_DWELL) + "'";
            }
        }
        return null;
    }

    /** The shortest view asked for ({@code where.minDwell}), or null when none is asked for or it is not a positive duration. */
    public Duration minDwell() {
        return parseDwell(where.get(MIN_DWELL));
    }

    private static Duration parseDwell(String value) {
        if (value == null) {
            return null;
        }
        try {
            Duration dwell = Duration.parse(value);
            return dwell.isNegative() || dwell.isZero() ? null : dwell;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The event's name in a spec ("login", "order", "custom:wishlist"), or null for events journeys do not react to. */
    public static String nameOf(CustomerEvent event) {
        if (event instanceof LoggedInEvent) {
            return "login";
        } else if (event instanceof ProductViewedEvent) {
            return "product-view";
        } else if (event instanceof CartItemAddedEvent) {
            return "cart-item-add";
        } else if (event instanceof CartItemRemovedEvent) {
            return "cart-item-remove";
        } else if (event instanceof CheckoutStartedEvent) {
            return "checkout-start";
        } else if (event instanceof PageViewedEvent) {
            return "page-view";
        } else if (event instanceof OrderPlacedEvent) {
            return "order";
        } else if (event instanceof OrderCancelledEvent) {
            return "order-cancel";
        } else if (event instanceof CustomEventRecordedEvent custom) {
            return "custom:" + custom.name();
        }
        return null;
    }

    /** Whether the customer's event is this kind with every property asked for. */
    public boolean matches(CustomerEvent event) {
        if (!this.event.equals(nameOf(event))) {
            return false;
        }
        for (Map.Entry<String, String> wanted : where.entrySet()) {
            if (!has(event, wanted.getKey(), wanted.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean has(CustomerEvent event, String property, String value) {
        if (property.equals(MIN_DWELL)) {
            Duration wanted = parseDwell(value);
            return wanted != null && event instanceof ProductViewedEvent view && view.dwell() != null
                    && view.dwell().compareTo(wanted) >= 0;
        }
        if (property.equals("minValue")) {
            BigDecimal total = event instanceof OrderPlacedEvent order ? order.total()
                    : event instanceof CheckoutStartedEvent checkout ? checkout.value() : null;
            try {
                return total != null && total.compareTo(new BigDecimal(value)) >= 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        if (property.equals("channel")) {
            return value.equalsIgnoreCase(channel(event));
        }
        if (event instanceof CustomEventRecordedEvent custom) {
            return value.equals(custom.properties().get(property));
        }
        if (event instanceof PageViewedEvent page) {
            return property.equals("category") && value.equalsIgnoreCase(page.category());
        }
        if (event instanceof OrderPlacedEvent order) {
            return property.equals("sku") && order.lines().stream().anyMatch(l -> value.equals(l.sku()));
        }
        if (event instanceof OrderCancelledEvent cancel) {
            return property.equals("sku") && cancel.lines().stream().anyMatch(l -> value.equals(l.sku()));
        }
        return products(event).stream().anyMatch(p -> switch (property) {
            case "sku" -> value.equals(p.sku());
            case "category" -> value.equalsIgnoreCase(p.category());
            case "brand" -> value.equalsIgnoreCase(p.brand());
            default -> false;
        });
    }

    private static List<ProductRef> products(CustomerEvent event) {
        if (event instanceof ProductViewedEvent view) {
            return List.of(view.product());
        } else if (event instanceof CartItemAddedEvent add) {
            return List.of(add.product());
        } else if (event instanceof CartItemRemovedEvent remove) {
            return List.of(remove.product());
        } else if (event instanceof CheckoutStartedEvent checkout) {
            return checkout.products();
        }
        return List.of();
    }

    private static String channel(CustomerEvent event) {
        if (event instanceof LoggedInEvent e) {
            return e.channel();
        } else if (event instanceof ProductViewedEvent e) {
            return e.channel();
        } else if (event instanceof CartItemAddedEvent e) {
            return e.channel();
        } else if (event instanceof CartItemRemovedEvent e) {
            return e.channel();
        } else if (event instanceof CheckoutStartedEvent e) {
            return e.channel();
        } else if (event instanceof PageViewedEvent e) {
            return e.channel();
        } else if (event instanceof OrderPlacedEvent e) {
            return e.channel();
        } else if (event instanceof OrderCancelledEvent e) {
            return e.channel();
        } else if (event instanceof CustomEventRecordedEvent e) {
            return e.channel();
        }
        return null;
    }
}
