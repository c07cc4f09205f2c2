package com.retailpulse.infra.ingest.ecommerce;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/** The sample platform payloads with buyer and order ids no other test uses. */
final class EcommerceSamples {

    private static final AtomicLong NEXT = new AtomicLong(System.currentTimeMillis() % 10_000_000_000L);

    private EcommerceSamples() {
    }

    /** A fresh 10-digit number: replaces the ids' common prefix. */
    static String unique() {
        return String.format("%010d", NEXT.incrementAndGet() % 10_000_000_000L);
    }

    static String text(String name) {
        try (InputStream in = EcommerceSamples.class.getResourceAsStream("/ecommerce/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** tmall-trades.json with trade ids 3981726354… → {@code <run>…} and buyers …-EAAe… → …-EAAe{@code <run>}…. */
    static String tmall(String run) {
        return text("tmall-trades.json").replace("3981726354", run.substring(0, 10)).replace("-EAAe", "-EAAe" + run);
    }

    /** jd-orders.json with order ids 3012345… and buyer pins jd_… made unique by {@code run}. */
    static String jd(String run) {
        return text("jd-orders.json").replace("\"3012345", "\"" + run).replace("\"jd_", "\"jd_" + run);
    }
}
