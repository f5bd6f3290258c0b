package parley.server.config;

/**
 * A token-bucket rate: up to {@code burst} events at once, then one more every
 * {@code refillMillis} (a steady rate).
 *
 * @param burst        events allowed at once, from a full bucket
 * @param refillMillis the time one event's token takes to come back
 */
public record RateLimit(int burst, long refillMillis) {

    public RateLimit {
        if (burst < 1 || refillMillis < 1) {
            throw new IllegalArgumentException("a rate needs a burst and a refill time of at least 1");
        }
    }

    /** {@code burst} at once, then {@code perHour} an hour. */
    public static RateLimit perHour(int burst, int perHour) {
        return new RateLimit(burst, Math.max(1, 3_600_000L / perHour));
    }

    /** {@code burst} at once, then {@code perSecond} a second. */
    public static RateLimit perSecond(int burst, int perSecond) {
        return new RateLimit(burst, Math.max(1, 1000L / perSecond));
    }

    /** The steady rate, for messages: "30 groups an hour", "20 messages a second". */
    public String describe(String unit) {
        return refillMillis >= 1000 ? Math.round(3_600_000.0 / refillMillis) + " " + unit + " an hour"
                : Math.round(1000.0 / refillMillis) + " " + unit + " a second";
    }
}
