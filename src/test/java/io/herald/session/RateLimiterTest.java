package io.herald.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimiterTest {
  static final long SECOND = 1_000_000_000L;

  @Test
  void burstIsAvailableAtOnceThenRefusedUntilRefill() {
    RateLimiter limiter = new RateLimiter(50, 100, 0);
    for (int i = 0; i < 100; i++) {
      assertThat(limiter.tryAcquire(0)).as("token %d", i).isTrue();
    }
    assertThat(limiter.tryAcquire(0)).isFalse();
    assertThat(limiter.tryAcquire(SECOND / 50 - 1)).isFalse();
    assertThat(limiter.tryAcquire(SECOND / 50)).isTrue();
  }

  @Test
  void sustainedRateIsTheConfiguredRate() {
    RateLimiter limiter = new RateLimiter(50, 100, 0);
    int granted = 0;
    // 10 seconds of asking every millisecond.
    for (long t = 0; t <= 10 * SECOND; t += SECOND / 1000) {
      if (limiter.tryAcquire(t)) {
        granted++;
      }
    }
    assertThat(granted).isEqualTo(100 + 10 * 50);
  }

  @Test
  void idleTimeDoesNotAccumulateBeyondTheBurst() {
    RateLimiter limiter = new RateLimiter(10, 5, 0);
    int granted = 0;
    for (int i = 0; i < 50; i++) {
      if (limiter.tryAcquire(3600 * SECOND)) {
        granted++;
      }
    }
    assertThat(granted).isEqualTo(5);
  }
}
