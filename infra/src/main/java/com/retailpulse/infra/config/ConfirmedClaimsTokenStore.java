package com.retailpulse.infra.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.annotation.Nonnull;
import javax.annotation.Nullable;

import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;

/**
 * The token store with one round trip fewer per batch: a claim this node confirmed moments ago is not extended
 * again.
 * <p>
 * A tracking processor that stores its token after a batch (as ours do, see
 * {@link AxonConfig#trackingAfterProcessing}) writes to the store twice per batch: it extends its claim before
 * the batch and stores the token after it. Under load, the extension comes right after the previous batch's
 * store, which wrote the same claim's timestamp a moment earlier, and token writes were the most frequent
 * MongoDB writes of a journey benchmark at 50/s (docs/benchmarks.md). Here an extension is skipped when this
 * node stored the token, claimed it or extended the claim for that segment less than {@code window} ago.
 * Another node can take a claim only once its timestamp is older than the claim timeout, so a window well
 * inside that timeout changes no ownership: the claim is still this node's, and the store at the end of the
 * batch checks it again. Anything that may change the claim (release, a failed write, a reset, a new segment)
 * forgets the confirmation.
 */
final class ConfirmedClaimsTokenStore implements TokenStore {

    private final TokenStore delegate;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Instant> confirmed = new ConcurrentHashMap<>();

    /**
     * @param window how long a confirmed claim is trusted; must be well below the delegate's claim timeout
     */
    ConfirmedClaimsTokenStore(TokenStore delegate, Duration window, Duration claimTimeout, Clock clock) {
        if (window.isNegative() || window.multipliedBy(2).compareTo(claimTimeout) > 0) {
            throw new IllegalArgumentException("the claim confirmation window (" + window + ") must be at most half the claim timeout ("
                    + claimTimeout + ")");
        }
        this.delegate = delegate;
        this.window = window;
        this.clock = clock;
    }

    @Override
    public void extendClaim(@Nonnull String processorName, int segment) throws UnableToClaimTokenException {
        Instant last = confirmed.get(key(processorName, segment));
        Instant now = clock.instant();
        if (last != null && now.isBefore(last.plus(window))) {
            return;
        }
        confirm(processorName, segment, () -> delegate.extendClaim(processorName, segment), now);
    }

    @Override
    public void storeToken(@Nullable TrackingToken token, @Nonnull String processorName, int segment) throws UnableToClaimTokenException {
        confirm(processorName, segment, () -> delegate.storeToken(token, processorName, segment), clock.instant());
    }

    @Override
    public TrackingToken fetchToken(@Nonnull String processorName, int segment) throws UnableToClaimTokenException {
        Instant now = clock.instant();
        TrackingToken[] token = new TrackingToken[1];
        confirm(processorName, segment, () -> token[0] = delegate.fetchToken(processorName, segment), now);
        return token[0];
    }

    @Override
    public TrackingToken fetchToken(@Nonnull String processorName, @Nonnull Segment segment) throws UnableToClaimTokenException {
        Instant now = clock.instant();
        TrackingToken[] token = new TrackingToken[1];
        confirm(processorName, segment.getSegmentId(), () -> token[0] = delegate.fetchToken(processorName, segment), now);
        return token[0];
    }

    /** Runs a write that claims the segment; the claim counts as confirmed as of {@code before} only if it succeeded. */
    private void confirm(String processorName, int segment, Runnable write, Instant before) {
        String key = key(processorName, segment);
        try {
            write.run();
        } catch (RuntimeException e) {
            confirmed.remove(key);
            throw e;
        }
        confirmed.put(key, before);
    }

    @Override
    public void releaseClaim(@Nonnull String processorName, int segment) {
        confirmed.remove(key(processorName, segment));
        delegate.releaseClaim(processorName, segment);
    }

    @Override
    public void deleteToken(@Nonnull String processorName, int segment) throws UnableToClaimTokenException {
        confirmed.remove(key(processorName, segment));
        delegate.deleteToken(processorName, segment);
    }

    @Override
    public void initializeTokenSegments(@Nonnull String processorName, int segmentCount) throws UnableToClaimTokenException {
        forget(processorName);
        delegate.initializeTokenSegments(processorName, segmentCount);
    }

    @Override
    public void initializeTokenSegments(@Nonnull String processorName, int segmentCount, @Nullable TrackingToken initialToken)
            throws UnableToClaimTokenException {
        forget(processorName);
        delegate.initializeTokenSegments(processorName, segmentCount, initialToken);
    }

    @Override
    public void initializeSegment(@Nullable TrackingToken token, @Nonnull String processorName, int segment)
            throws UnableToClaimTokenException {
        confirmed.remove(key(processorName, segment));
        delegate.initializeSegment(token, processorName, segment);
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return delegate.requiresExplicitSegmentInitialization();
    }

    @Override
    public int[] fetchSegments(@Nonnull String processorName) {
        return delegate.fetchSegments(processorName);
    }

    @Override
    public List<Segment> fetchAvailableSegments(@Nonnull String processorName) {
        return delegate.fetchAvailableSegments(processorName);
    }

    @Override
    public Optional<String> retrieveStorageIdentifier() {
        return delegate.retrieveStorageIdentifier();
    }

    private void forget(String processorName) {
        confirmed.keySet().removeIf(key -> key.startsWith(processorName + '\u001f'));
    }

    private static String key(String processorName, int segment) {
        return processorName + '\u001f' + segment;
    }
}
