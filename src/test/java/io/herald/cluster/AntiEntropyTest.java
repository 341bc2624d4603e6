package io.herald.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.config.Settings;
import io.herald.ingest.LocalDelivery;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two cluster verticles, each on its own Vert.x, joined by the in-memory seams, one of which
 * silently loses interest changes: the digests must bring the mirror back.
 */
class AntiEntropyTest {
  static final String PREFIX = "customer_id:5e4a0680-804e-11ec-8477-2fea5968d85b:call";

  final Vertx shared = Vertx.vertx();
  final Vertx vertxA = Vertx.vertx();
  final Vertx vertxB = Vertx.vertx();

  @AfterEach
  void stop() {
    for (Vertx vertx : List.of(vertxA, vertxB, shared)) {
      vertx.close().await();
    }
  }

  /** Claims every push succeeded while dropping the first {@code losses} of them. */
  static final class LossyExchange implements InterestExchange {
    final InterestExchange inner;
    final AtomicInteger losses;

    LossyExchange(InterestExchange inner, int losses) {
      this.inner = inner;
      this.losses = new AtomicInteger(losses);
    }

    @Override
    public Future<Void> push(String node, InterestDelta delta) {
      return losses.getAndDecrement() > 0 ? Future.succeededFuture() : inner.push(node, delta);
    }

    @Override
    public Future<InterestSnapshot> pull(String node) {
      return inner.pull(node);
    }

    @Override
    public void broadcast(InterestDigest digest) {
      inner.broadcast(digest);
    }

    @Override
    public Future<Void> serve(Service service) {
      return inner.serve(service);
    }
  }

  static ClusterVerticle deploy(Vertx vertx, InMemoryCluster.Node node, InterestExchange exchange)
      throws Exception {
    LocalDelivery.registerCodec(vertx.eventBus());
    Settings settings = Settings.fromConfig(new JsonObject()
        .put("HERALD_CLUSTER_ANTI_ENTROPY_MS", 200).put("HERALD_CLUSTER_REMOVAL_GRACE_MS", 0));
    ClusterVerticle verticle = new ClusterVerticle(settings.cluster(), node, exchange, node,
        io.herald.ops.HeraldMetrics.create(), null);
    vertx.deployVerticle(verticle).await(10, TimeUnit.SECONDS);
    return verticle;
  }

  @Test
  void lostInterestChangeIsRepairedByTheNextDigest() throws Exception {
    InMemoryCluster cluster = new InMemoryCluster(shared);
    InMemoryCluster.Node a = cluster.join("a", vertxA);
    InMemoryCluster.Node b = cluster.join("b", vertxB);
    ClusterVerticle onA = deploy(vertxA, a, a);
    deploy(vertxB, b, new LossyExchange(b, 1));

    // An event loop on b takes the prefix; b's push to a is lost, yet b believes it confirmed.
    vertxB.eventBus().request(ClusterVerticle.INTEREST, new JsonObject().put("op", "acquire")
        .put("prefixes", new JsonArray().add(PREFIX)));
    vertxB.eventBus().request(ClusterVerticle.INTEREST, new JsonObject().put("op", "live")
        .put("prefixes", new JsonArray().add(PREFIX))).await(10, TimeUnit.SECONDS);
    assertThat(onA.wouldRoute(PREFIX + ":1").await(10, TimeUnit.SECONDS)).isEmpty();

    await().atMost(Duration.ofSeconds(10))
        .until(() -> onA.wouldRoute(PREFIX + ":1").await(10, TimeUnit.SECONDS).contains("b"));
  }
}
