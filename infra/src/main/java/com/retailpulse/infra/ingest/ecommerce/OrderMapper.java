package com.retailpulse.infra.ingest.ecommerce;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.contracts.common.Money;
import com.retailpulse.contracts.customer.OrderLine;
import com.retailpulse.infra.ingest.ecommerce.OrderMappingException.Problem;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One platform's mapping, checked and compiled: reads that platform's order JSON into a
 * {@link MappedOrder}, or names every field that does not fit.
 */
public final class OrderMapper {

    static final int MAX_ID_LENGTH = 128;
    static final int MAX_ITEMS = 1000;
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{5,20}");

    private final String platform;
    private final Path orderId;
    private final Path buyerId;
    private final Path buyerPhone;
    private final Path shopId;
    private final Path createdAt;
    private final Path updatedAt;
    private final Path status;
    private final Path currency;
    private final Path items;
    private final Path sku;
    private final Path name;
    private final Path quantity;
    private final Path unitPrice;
    private final TimeReader time;
    private final Set<String> paid;
    private final Set<String> cancelled;
    private final String fixedCurrency;

    private OrderMapper(String platform, MappingSettings s, List<String> problems) {
        this.platform = platform;
        this.orderId = Path.required("orderId", s.orderId(), problems);
        this.buyerId = Path.required("buyerId", s.buyerId(), problems);
        this.buyerPhone = Path.optional("buyerPhone", s.buyerPhone(), problems);
        this.shopId = Path.optional("shopId", s.shopId(), problems);
        this.createdAt = Path.required("createdAt", s.createdAt(), problems);
        this.updatedAt = Path.optional("updatedAt", s.updatedAt(), problems);
        this.status = Path.required("status", s.status(), problems);
        this.currency = Path.optional("currency", s.currency(), problems);
        this.items = Path.required("items", s.items(), problems);
        MappingSettings.Item item = s.item() == null ? new MappingSettings.Item(null, null, null, null) : s.item();
        this.sku = Path.required("item.sku", item.sku(), problems);
        this.name = Path.optional("item.name", item.name(), problems);
        this.quantity = Path.required("item.quantity", item.quantity(), problems);
        this.unitPrice = Path.required("item.unitPrice", item.unitPrice(), problems);
        this.time = TimeReader.of(s.timeFormat(), s.timeZone(), problems);
        this.paid = Set.copyOf(s.paidStatuses() == null ? List.of() : s.paidStatuses());
        this.cancelled = Set.copyOf(s.cancelledStatuses() == null ? List.of() : s.cancelledStatuses());
        if (paid.isEmpty()) {
            problems.add("paidStatuses: at least one status meaning paid/completed is needed");
        }
        Set<String> both = new HashSet<>(paid);
        both.retainAll(cancelled);
        if (!both.isEmpty()) {
            problems.add("paidStatuses and cancelledStatuses share " + both);
        }
        this.fixedCurrency = s.fixedCurrency();
        if (currency == null && fixedCurrency == null) {
            problems.add("currency: map a currency field or set fixedCurrency (e.g. CNY)");
        }
        if (fixedCurrency != null && !Money.isCurrencyCode(fixedCurrency)) {
            problems.add("fixedCurrency: must be a 3-letter ISO-4217 code such as CNY, got '" + fixedCurrency + "'");
        }
    }

    /**
     * @throws IllegalArgumentException naming every setting of the mapping that is missing or wrong
     */
    public static OrderMapper compile(String platform, MappingSettings settings) {
        List<String> problems = new ArrayList<>();
        if (settings == null) {
            throw new IllegalArgumentException("retailpulse.ecommerce.platforms." + platform + ".mapping is missing");
        }
        OrderMapper mapper = new OrderMapper(platform, settings, problems);
        if (!problems.isEmpty()) {
            String prefix = "retailpulse.ecommerce.platforms." + platform + ".mapping.";
            throw new IllegalArgumentException("invalid mapping for platform '" + platform + "': "
                    + String.join("; ", problems.stream().map(p -> prefix + p).toList()));
        }
        return mapper;
    }

    public String platform() {
        return platform;
    }

    /**
     * @throws OrderMappingException naming each field of the order that is missing or does not fit
     */
    public MappedOrder map(JsonNode order) {
        List<Problem> problems = new ArrayList<>();
        if (order == null || !order.isObject()) {
            throw new OrderMappingException(null, List.of(new Problem("(order)", "an order must be a JSON object")));
        }
        String id = id(order, orderId, problems);
        String buyer = id(order, buyerId, problems);
        String phone = phone(order, problems);
        String shop = optionalId(order, shopId, problems);
        Instant created = time(order, createdAt, true, problems);
        Instant updated = updatedAt == null ? null : time(order, updatedAt, false, problems);
        String statusValue = id(order, status, problems);
        MappedOrder.Disposition disposition = statusValue == null ? null : disposition(statusValue);
        String currencyValue = currency(order, problems);
        List<OrderLine> lines = lines(order, problems);
        if (!problems.isEmpty()) {
            throw new OrderMappingException(id, problems);
        }
        return new MappedOrder(platform, id, buyer, phone, shop, created, updated, statusValue, disposition,
                currencyValue, lines);
    }

    private MappedOrder.Disposition disposition(String value) {
        if (paid.contains(value)) {
            return MappedOrder.Disposition.PAID;
        }
        if (cancelled.contains(value)) {
            return MappedOrder.Disposition.CANCELLED;
        }
        return MappedOrder.Disposition.NOT_PAID;
    }

    private String currency(JsonNode order, List<Problem> problems) {
        if (currency != null) {
            JsonNode node = currency.find(order);
            if (node != null) {
                String code = node.asText().strip().toUpperCase(Locale.ROOT);
                if (!node.isTextual() || !Money.isCurrencyCode(code)) {
                    problems.add(new Problem(currency.text(), "must be a 3-letter ISO-4217 code such as CNY, got '" + node.asText() + "'"));
                    return null;
                }
                return code;
            }
            if (fixedCurrency == null) {
                problems.add(new Problem(currency.text(), "missing"));
                return null;
            }
        }
        return fixedCurrency;
    }

    private List<OrderLine> lines(JsonNode order, List<Problem> problems) {
        JsonNode array = items.find(order);
        if (array == null) {
            problems.add(new Problem(items.text(), "missing"));
            return List.of();
        }
        if (!array.isArray() || array.isEmpty()) {
            problems.add(new Problem(items.text(), "must be a non-empty array of items"));
            return List.of();
        }
        if (array.size() > MAX_ITEMS) {
            problems.add(new Problem(items.text(), "at most " + MAX_ITEMS + " items, got " + array.size()));
            return List.of();
        }
        List<OrderLine> lines = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            String at = items.text() + "/" + i;
            if (!item.isObject()) {
                problems.add(new Problem(at, "an item must be a JSON object"));
                continue;
            }
            List<Problem> itemProblems = new ArrayList<>();
            String skuValue = id(item, sku, itemProblems);
            String nameValue = name == null ? null : optionalText(item, name, 512, itemProblems);
            Integer quantityValue = quantity(item, itemProblems);
            BigDecimal price = price(item, itemProblems);
            if (itemProblems.isEmpty()) {
                lines.add(new OrderLine(skuValue, nameValue, quantityValue, price));
            } else {
                itemProblems.forEach(p -> problems.add(new Problem(at + p.field(), p.reason())));
            }
        }
        return lines;
    }

    private Integer quantity(JsonNode item, List<Problem> problems) {
        JsonNode node = quantity.find(item);
        if (node == null) {
            problems.add(new Problem(quantity.text(), "missing"));
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(node.asText().strip());
            if ((node.isNumber() || node.isTextual()) && value.signum() > 0 && value.stripTrailingZeros().scale() <= 0
                    && value.compareTo(BigDecimal.valueOf(1_000_000)) <= 0) {
                return value.intValueExact();
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below
        }
        problems.add(new Problem(quantity.text(), "must be a positive whole number, got '" + node.asText() + "'"));
        return null;
    }

    private BigDecimal price(JsonNode item, List<Problem> problems) {
        JsonNode node = unitPrice.find(item);
        if (node == null) {
            problems.add(new Problem(unitPrice.text(), "missing"));
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(node.asText().strip());
            if ((node.isNumber() || node.isTextual()) && value.signum() >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(new Problem(unitPrice.text(), "must be a number of at least 0, got '" + node.asText() + "'"));
        return null;
    }

    private String phone(JsonNode order, List<Problem> problems) {
        if (buyerPhone == null) {
            return null;
        }
        String value = optionalText(order, buyerPhone, 64, problems);
        if (value == null || value.contains("*")) {
            // Masked numbers (138****1234) identify nobody.
            return null;
        }
        String digits = value.replaceAll("[\\s()-]", "");
        if (!PHONE.matcher(digits).matches()) {
            problems.add(new Problem(buyerPhone.text(), "not a phone number: '" + value + "'"));
            return null;
        }
        return digits;
    }

    private Instant time(JsonNode order, Path path, boolean required, List<Problem> problems) {
        JsonNode node = path.find(order);
        if (node == null) {
            if (required) {
                problems.add(new Problem(path.text(), "missing"));
            }
            return null;
        }
        try {
            return time.read(node);
        } catch (DateTimeException | NumberFormatException e) {
            problems.add(new Problem(path.text(), "not a time in " + time.describe() + ": '" + node.asText() + "'"));
            return null;
        }
    }

    private static String id(JsonNode node, Path path, List<Problem> problems) {
        String value = optionalText(node, path, MAX_ID_LENGTH, problems);
        if (value == null && path.find(node) == null) {
            problems.add(new Problem(path.text(), "missing"));
        }
        return value;
    }

    private static String optionalId(JsonNode node, Path path, List<Problem> problems) {
        return path == null ? null : optionalText(node, path, MAX_ID_LENGTH, problems);
    }

    private static String optionalText(JsonNode root, Path path, int maxLength, List<Problem> problems) {
        JsonNode node = path.find(root);
        if (node == null) {
            return null;
        }
        if (!node.isTextual() && !node.isNumber()) {
            problems.add(new Problem(path.text(), "must be text or a number"));
            return null;
        }
        String value = node.asText().strip();
        if (value.isEmpty()) {
            problems.add(new Problem(path.text(), "must not be blank"));
            return null;
        }
        if (value.length() > maxLength) {
            problems.add(new Problem(path.text(), "at most " + maxLength + " characters"));
            return null;
        }
        return value;
    }

    /** A field's JSON Pointer, or alternatives separated by '|': the first one present wins. */
    record Path(String text, List<JsonPointer> alternatives) {

        static Path required(String field, String text, List<String> problems) {
            if (text == null || text.isBlank()) {
                problems.add(field + ": a JSON Pointer is required (e.g. /orderId)");
                return null;
            }
            return optional(field, text, problems);
        }

        static Path optional(String field, String text, List<String> problems) {
            if (text == null || text.isBlank()) {
                return null;
            }
            List<JsonPointer> pointers = new ArrayList<>();
            for (String alternative : text.split("\\|")) {
                try {
                    String pointer = alternative.strip();
                    if (pointer.isEmpty()) {
                        throw new IllegalArgumentException("empty alternative");
                    }
                    pointers.add(JsonPointer.compile(pointer));
                } catch (IllegalArgumentException e) {
                    problems.add(field + ": '" + text + "' is not a JSON Pointer (RFC 6901, e.g. /orders/order): " + e.getMessage());
                    return null;
                }
            }
            return new Path(text, pointers);
        }

        /** The first alternative's node that is present, not null and not blank text; null when none is. */
        JsonNode find(JsonNode root) {
            for (JsonPointer pointer : alternatives) {
                JsonNode node = root.at(pointer);
                // Platforms send "" for fields they have no value for (e.g. JD's outerSkuId).
                if (!node.isMissingNode() && !node.isNull() && !(node.isTextual() && node.asText().isBlank())) {
                    return node;
                }
            }
            return null;
        }
    }

    /** Reads the platform's times: ISO-8601, epoch numbers or a pattern in the platform's zone. */
    record TimeReader(String format, ZoneId zone, DateTimeFormatter pattern) {

        static TimeReader of(String format, String zoneName, List<String> problems) {
            ZoneId zone = ZoneId.of("UTC");
            if (zoneName != null) {
                try {
                    zone = ZoneId.of(zoneName);
                } catch (DateTimeException e) {
                    problems.add("timeZone: unknown zone '" + zoneName + "' (e.g. Asia/Shanghai)");
                }
            }
            String f = format == null ? "iso" : format;
            DateTimeFormatter pattern = null;
            if (!Arrays.asList("iso", "epoch-millis", "epoch-seconds").contains(f)) {
                try {
                    pattern = DateTimeFormatter.ofPattern(f, Locale.ROOT);
                } catch (IllegalArgumentException e) {
                    problems.add("timeFormat: '" + f + "' is neither iso, epoch-millis, epoch-seconds nor a date-time pattern: "
                            + e.getMessage());
                }
            }
            return new TimeReader(f, zone, pattern);
        }

        Instant read(JsonNode node) {
            String text = node.asText().strip();
            return switch (format) {
                case "epoch-millis" -> Instant.ofEpochMilli(Long.parseLong(text));
                case "epoch-seconds" -> Instant.ofEpochSecond(Long.parseLong(text));
                case "iso" -> iso(text);
                default -> {
                    if (!node.isTextual()) {
                        throw new DateTimeException("not text");
                    }
                    yield LocalDateTime.parse(text, pattern).atZone(zone).toInstant();
                }
            };
        }

        private Instant iso(String text) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                return LocalDateTime.parse(text).atZone(zone).toInstant();
            }
        }

        String describe() {
            return "iso".equals(format) ? "ISO-8601" : format + " (" + zone + ")";
        }
    }
}
