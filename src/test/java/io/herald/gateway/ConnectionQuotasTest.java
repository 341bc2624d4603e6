package io.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class ConnectionQuotasTest {
  final UUID a = UUID.randomUUID();
  final UUID b = UUID.randomUUID();

  @Test
  void perCustomerCapLeavesRoomForOthers() {
    ConnectionQuotas quotas = new ConnectionQuotas(10, 2);
    assertThat(quotas.tryAcquire(a)).isTrue();
    assertThat(quotas.tryAcquire(a)).isTrue();
    assertThat(quotas.tryAcquire(a)).isFalse();
    assertThat(quotas.tryAcquire(b)).isTrue();
    assertThat(quotas.open()).isEqualTo(3);
    quotas.release(a);
    assertThat(quotas.tryAcquire(a)).isTrue();
  }

  @Test
  void nodeCapCountsEveryCustomerAndRefusalsTakeNothing() {
    ConnectionQuotas quotas = new ConnectionQuotas(2, 5);
    assertThat(quotas.tryAcquire(a)).isTrue();
    assertThat(quotas.tryAcquire(b)).isTrue();
    assertThat(quotas.tryAcquire(UUID.randomUUID())).isFalse();
    assertThat(quotas.open()).isEqualTo(2);
    quotas.release(b);
    assertThat(quotas.tryAcquire(a)).isTrue();
  }
}
