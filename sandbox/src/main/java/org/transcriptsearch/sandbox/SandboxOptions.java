package org.transcriptsearch.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How a sandbox is laid out. Everything served is a pure function of these values (and of the mutations
 * made after start), so the same options give the same conversations, ids and texts.
 *
 * @param seed                   what every id, text and timestamp is derived from
 * @param conversationsPerVendor generated conversations per vendor (the vendors' golden samples come on top);
 *                               about 9 messages each, so 120,000 give about a million messages per vendor
 * @param anchor                 the sandbox's "now" at start; data lies in {@code [anchor - spanDays, anchor - 10 min]}
 * @param spanDays               how many days back the conversations are spread
 * @param rateLimits             whether the vendors' rate limits apply (off for benchmarks)
 * @param port                   the loopback port, 0 for a free one
 * @param vendors                which vendors' APIs are served
 * @param scrollIdleTimeout      how long an idle CXone scroll lives (5 minutes by default, inferred)
 * @param prerender              render every generated CXone conversation once at start and answer pages
 *                               without a queued fault from those bytes (for benchmarks: on a shared
 *                               machine the vendor's own rendering would otherwise compete with the
 *                               harvester for CPU, which a real vendor's servers do not)
 */
public record SandboxOptions(
        long seed,
        int conversationsPerVendor,
        Instant anchor,
        int spanDays,
        boolean rateLimits,
        int port,
        Set<Vendor> vendors,
        Duration scrollIdleTimeout,
        boolean prerender) {

    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_CONVERSATIONS = 300;
    public static final int DEFAULT_SPAN_DAYS = 21;
    public static final Duration DEFAULT_SCROLL_IDLE_TIMEOUT = Duration.ofMinutes(5);

    public SandboxOptions {
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(vendors, "vendors");
        Objects.requireNonNull(scrollIdleTimeout, "scrollIdleTimeout");
        if (conversationsPerVendor < 0) {
            throw new IllegalArgumentException("conversationsPerVendor must be >= 0, was " + conversationsPerVendor);
        }
        if (spanDays < 1 || spanDays > 3650) {
            throw new IllegalArgumentException("spanDays must be within 1..3650, was " + spanDays);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be within 0..65535, was " + port);
        }
        if (vendors.isEmpty()) {
            throw new IllegalArgumentException("vendors must name at least one vendor");
        }
        if (scrollIdleTimeout.isNegative() || scrollIdleTimeout.isZero()) {
            throw new IllegalArgumentException("scrollIdleTimeout must be positive, was " + scrollIdleTimeout);
        }
        vendors = Set.copyOf(EnumSet.copyOf(vendors));
    }

    /** The defaults, anchored at the real now. */
    public static SandboxOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .seed(seed).conversationsPerVendor(conversationsPerVendor).anchor(anchor).spanDays(spanDays)
                .rateLimits(rateLimits).port(port).vendors(vendors).scrollIdleTimeout(scrollIdleTimeout)
                .prerender(prerender);
    }

    public SandboxOptions withSeed(long value) {
        return toBuilder().seed(value).build();
    }

    public SandboxOptions withConversationsPerVendor(int value) {
        return toBuilder().conversationsPerVendor(value).build();
    }

    public SandboxOptions withAnchor(Instant value) {
        return toBuilder().anchor(value).build();
    }

    public SandboxOptions withSpanDays(int value) {
        return toBuilder().spanDays(value).build();
    }

    public SandboxOptions withRateLimits(boolean value) {
        return toBuilder().rateLimits(value).build();
    }

    public SandboxOptions withPort(int value) {
        return toBuilder().port(value).build();
    }

    public SandboxOptions withVendors(Set<Vendor> value) {
        return toBuilder().vendors(value).build();
    }

    public SandboxOptions withScrollIdleTimeout(Duration value) {
        return toBuilder().scrollIdleTimeout(value).build();
    }

    public boolean serves(Vendor vendor) {
        return vendors.contains(vendor);
    }

    public static final class Builder {
        private long seed = DEFAULT_SEED;
        private int conversationsPerVendor = DEFAULT_CONVERSATIONS;
        private Instant anchor;
        private int spanDays = DEFAULT_SPAN_DAYS;
        private boolean rateLimits = true;
        private int port;
        private Set<Vendor> vendors = EnumSet.allOf(Vendor.class);
        private Duration scrollIdleTimeout = DEFAULT_SCROLL_IDLE_TIMEOUT;
        private boolean prerender;

        private Builder() {
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder conversationsPerVendor(int value) {
            conversationsPerVendor = value;
            return this;
        }

        public Builder anchor(Instant value) {
            anchor = value;
            return this;
        }

        public Builder spanDays(int value) {
            spanDays = value;
            return this;
        }

        public Builder rateLimits(boolean value) {
            rateLimits = value;
            return this;
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder vendors(Set<Vendor> value) {
            vendors = value;
            return this;
        }

        public Builder vendors(Vendor first, Vendor... rest) {
            vendors = EnumSet.of(first, rest);
            return this;
        }

        public Builder scrollIdleTimeout(Duration value) {
            scrollIdleTimeout = value;
            return this;
        }

        public Builder prerender(boolean value) {
            prerender = value;
            return this;
        }

        /** Builds the options; an anchor left unset is the real now, taken here. */
        public SandboxOptions build() {
            return new SandboxOptions(seed, conversationsPerVendor, anchor == null ? Instant.now() : anchor,
                    spanDays, rateLimits, port, vendors, scrollIdleTimeout, prerender);
        }
    }
}
