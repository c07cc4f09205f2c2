package com.retailpulse.infra.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.contracts.customer.ProductRef;
import com.retailpulse.projections.catalogue.MongoProductCatalogue;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The product catalogue (categories and brands behind the preference tags): {@code POST
 * /api/v1/catalogue/products} with a JSON array or a CSV ({@code sku,name,category,brand,price}),
 * {@code GET /api/v1/catalogue/products/{sku}}. Valid products are stored even when others are rejected;
 * the answer names each rejected line or index and why.
 */
@RestController
@RequestMapping("/api/v1/catalogue/products")
class CatalogueController {

    static final int MAX_PRODUCTS = 50_000;
    private static final Set<String> CSV_COLUMNS = Set.of("sku", "name", "category", "brand", "price");

    private final MongoProductCatalogue catalogue;

    CatalogueController(MongoProductCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    record Rejected(String at, String reason) {
    }

    record ImportView(int imported, List<Rejected> rejected, int catalogueSize) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ImportView importJson(@RequestBody JsonNode body) {
        if (!body.isArray()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "the body must be a JSON array of products");
        }
        List<ProductRef> valid = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        limit(body.size());
        for (int i = 0; i < body.size(); i++) {
            JsonNode p = body.get(i);
            try {
                valid.add(product(text(p, "sku"), text(p, "name"), text(p, "category"), text(p, "brand"), text(p, "price")));
            } catch (IllegalArgumentException e) {
                rejected.add(new Rejected("[" + i + "]", e.getMessage()));
            }
        }
        catalogue.upsert(valid);
        return new ImportView(valid.size(), rejected, catalogue.size());
    }

    @PostMapping(consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    ImportView importCsv(@RequestBody String body) throws IOException {
        List<ProductRef> valid = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(body), format)) {
            List<String> header = parser.getHeaderNames();
            if (!header.contains("sku")) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                        "the CSV header must name a 'sku' column; known columns: " + CSV_COLUMNS);
            }
            for (CSVRecord row : parser) {
                limit(valid.size() + rejected.size() + 1);
                try {
                    if (!row.isConsistent()) {
                        throw new IllegalArgumentException("expected " + header.size() + " columns, found " + row.size());
                    }
                    valid.add(product(get(row, "sku"), get(row, "name"), get(row, "category"), get(row, "brand"), get(row, "price")));
                } catch (IllegalArgumentException e) {
                    rejected.add(new Rejected("line " + parser.getCurrentLineNumber(), e.getMessage()));
                }
            }
        } catch (java.io.UncheckedIOException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "broken CSV: " + e.getCause().getMessage());
        }
        catalogue.upsert(valid);
        return new ImportView(valid.size(), rejected, catalogue.size());
    }

    @GetMapping("/{sku}")
    ProductRef find(@PathVariable String sku) {
        ProductRef product = catalogue.find(sku);
        if (product == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no product " + sku + " in the catalogue");
        }
        return product;
    }

    private static void limit(int count) {
        if (count > MAX_PRODUCTS) {
            throw new ResponseStatusException(HttpStatus.PAYLOAD_TOO_LARGE,
                    "at most " + MAX_PRODUCTS + " products per request; split the catalogue");
        }
    }

    private static ProductRef product(String sku, String name, String category, String brand, String price) {
        if (sku == null || sku.isBlank()) {
            throw new IllegalArgumentException("sku: required");
        }
        BigDecimal amount = null;
        if (price != null && !price.isBlank()) {
            try {
                amount = new BigDecimal(price);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("price: not a number: '" + price + "'");
            }
            if (amount.signum() < 0) {
                throw new IllegalArgumentException("price: must not be negative, got " + price);
            }
        }
        return new ProductRef(sku.strip(), blankToNull(name), blankToNull(category), blankToNull(brand), amount);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String get(CSVRecord row, String column) {
        return row.isMapped(column) ? row.get(column) : null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
