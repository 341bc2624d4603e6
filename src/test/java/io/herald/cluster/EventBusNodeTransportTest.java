package io.herald.cluster;

import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The contract over the real clustered event bus, Hazelcast on 127.0.0.1. */
class EventBusNodeTransportTest extends NodeTransportContract {
  ClusteredVertx cluster;

  @AfterEach
  void stop() throws Exception {
    cluster.close();
  }

  @Override
  Trio trio() {
    try {
      cluster = new ClusteredVertx(3);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    List<String> ids = List.of(cluster.nodeId(0), cluster.nodeId(1), cluster.nodeId(2));
    return new Trio(ids, List.of(
        new EventBusTransport(cluster.instances.get(0).eventBus(), ids.get(0)),
        new EventBusTransport(cluster.instances.get(1).eventBus(), ids.get(1)),
        new EventBusTransport(cluster.instances.get(2).eventBus(), ids.get(2))));
  }
}
