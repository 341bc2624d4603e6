package io.herald.cluster;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;

class InMemoryInterestExchangeTest extends InterestExchangeContract {
  final Vertx vertx = Vertx.vertx();

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Override
  Pair pair() {
    InMemoryCluster cluster = new InMemoryCluster(vertx);
    return new Pair("a", cluster.join("a"), "b", cluster.join("b"));
  }
}
