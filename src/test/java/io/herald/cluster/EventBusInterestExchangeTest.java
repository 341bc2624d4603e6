package io.herald.cluster;

import org.junit.jupiter.api.AfterEach;

/**
 * The contract over the real clustered event bus, Hazelcast on 127.0.0.1. A fresh pair of
 * clustered Vert.x instances per test: consumers registered by one test must not answer the next.
 */
class EventBusInterestExchangeTest extends InterestExchangeContract {
  ClusteredVertx cluster;

  @AfterEach
  void stop() throws Exception {
    cluster.close();
  }

  @Override
  Pair pair() {
    try {
      cluster = new ClusteredVertx(2);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    String a = cluster.nodeId(0);
    String b = cluster.nodeId(1);
    return new Pair(a, new EventBusInterestExchange(cluster.instances.get(0).eventBus(), a, 2_000),
        b, new EventBusInterestExchange(cluster.instances.get(1).eventBus(), b, 2_000));
  }
}
