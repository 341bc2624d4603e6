package io.herald.session;

/**
 * A token bucket: {@code ratePerSecond} tokens refill each second, up to {@code burst}. Time is
 * passed in (nanoseconds from any fixed origin) so the rule can be tested without a clock.
 * Not thread-safe: owned by one session.
 */
public final class RateLimiter {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final long nanosPerToken;
  private final long capacityNanos;
  /** The bucket as a time debt: tokens available = (now - emptyAt) / nanosPerToken. */
  private long emptyAt;

  public RateLimiter(int ratePerSecond, int burst, long nowNanos) {
    this.nanosPerToken = NANOS_PER_SECOND / ratePerSecond;
    this.capacityNanos = nanosPerToken * burst;
    this.emptyAt = nowNanos - capacityNanos;
  }

  /** Takes one token if there is one. */
  public boolean tryAcquire(long nowNanos) {
    long start = Math.max(emptyAt, nowNanos - capacityNanos);
    if (nowNanos - start < nanosPerToken) {
      return false;
    }
    emptyAt = start + nanosPerToken;
    return true;
  }
}
