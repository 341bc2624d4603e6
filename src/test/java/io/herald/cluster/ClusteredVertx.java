package io.herald.cluster;

import io.herald.config.Settings;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Plain clustered Vert.x instances (no Herald verticles) for the seam contract tests. */
final class ClusteredVertx implements AutoCloseable {
  final List<Vertx> instances = new ArrayList<>();
  final List<HazelcastClusterManager> managers = new ArrayList<>();

  ClusteredVertx(int count) throws Exception {
    String name = "herald-seams-" + UUID.randomUUID();
    int seed = 0;
    for (int i = 0; i < count; i++) {
      int port = freePort();
      if (i == 0) {
        seed = port;
      }
      Settings settings = Settings.fromConfig(new JsonObject()
          .put("HERALD_CLUSTER", true).put("HERALD_JWT_SECRET", "seams-secret-0123456789-abcdefghijklmno")
          .put("HERALD_CLUSTER_NAME", name).put("HERALD_CLUSTER_PORT", port)
          .put("HERALD_CLUSTER_MEMBERS", i == 0 ? "" : "127.0.0.1:" + seed));
      HazelcastClusterManager manager =
          new HazelcastClusterManager(HazelcastConfigFactory.build(settings.cluster()));
      Vertx vertx = Vertx.builder()
          .with(new VertxOptions().setEventBusOptions(
              new EventBusOptions().setHost("127.0.0.1").setClusterPublicHost("127.0.0.1")))
          .withClusterManager(manager).buildClustered().await(60, TimeUnit.SECONDS);
      EventBusTransport.registerCodec(vertx.eventBus());
      instances.add(vertx);
      managers.add(manager);
    }
  }

  String nodeId(int i) {
    return managers.get(i).getNodeId();
  }

  static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    for (Vertx vertx : instances) {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }
}
