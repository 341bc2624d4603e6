package io.herald.cluster;

import io.vertx.core.Vertx;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

class InMemoryNodeTransportTest extends NodeTransportContract {
  final Vertx vertx = Vertx.vertx();

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Override
  Trio trio() {
    InMemoryCluster cluster = new InMemoryCluster(vertx);
    return new Trio(List.of("a", "b", "c"), List.of(cluster.join("a"), cluster.join("b"), cluster.join("c")));
  }
}
