package com.retailpulse.infra.ingest.ecommerce;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.common.AxonThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Polls every source under {@code retailpulse.ecommerce.pull}, each at its own interval on its own
 * thread (a slow platform does not hold up the others), one poll of a source at a time. Run the
 * pollers on one node: two nodes polling the same source record nothing twice, but fetch twice.
 */
@Component
public class EcommercePullPollers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EcommercePullPollers.class);

    private final Map<String, EcommercePuller> pullers = new LinkedHashMap<>();
    private final EcommerceSettings settings;
    private volatile ScheduledExecutorService scheduler;

    public EcommercePullPollers(EcommerceSettings settings, EcommercePlatforms platforms, EcommerceOrderIngestion ingestion,
                                EcommercePullStore store, ObjectMapper mapper) {
        this.settings = settings;
        settings.pull().forEach((name, pull) -> {
            OrderMapper orderMapper = platforms.mapper(pull.platform()).orElseThrow(() -> new IllegalArgumentException(
                    "retailpulse.ecommerce.pull." + name + ".platform: no mapping for '" + pull.platform()
                            + "'; known platforms: " + platforms.names()));
            pullers.put(name, new EcommercePuller(name, orderMapper, new HttpOrderSource(name, pull, mapper), ingestion,
                    store, pull.initialCursor(), pull.maxPagesPerPoll()));
        });
    }

    @Override
    public void start() {
        if (pullers.isEmpty()) {
            return;
        }
        scheduler = Executors.newScheduledThreadPool(pullers.size(), new AxonThreadFactory("ecommerce-pull"));
        pullers.forEach((name, puller) -> {
            long interval = settings.pull().get(name).interval().toMillis();
            scheduler.scheduleWithFixedDelay(() -> poll(name, puller), 0, interval, TimeUnit.MILLISECONDS);
        });
    }

    private static void poll(String name, EcommercePuller puller) {
        try {
            var result = puller.pollOnce();
            if (result.orders() > 0) {
                log.info("E-commerce source {}: {} orders in {} pages, {} recorded, {} rejected; cursor {}", name,
                        result.orders(), result.pages(), result.recorded(), result.rejected(), result.cursor());
            }
        } catch (RuntimeException e) {
            // The next poll starts from the stored cursor again.
            log.warn("E-commerce source {}: poll failed, next one in its interval: {}", name, e.getMessage());
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService s = scheduler;
        scheduler = null;
        if (s != null) {
            // A poll under way finishes its page; one that does not is interrupted and repeats that page next time.
            s.shutdown();
            try {
                if (!s.awaitTermination(10, TimeUnit.SECONDS)) {
                    s.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    /** Stops before the Axon processors and the local stack, like the Kafka consumers. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
