package io.herald.ops;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.spi.cluster.hazelcast.ClusterHealthCheck;

/**
 * Health through vertx-health-check, each check named in the JSON answer.
 *
 * <ul>
 *   <li>{@code GET /health/live}: 200 while the process serves HTTP ({@code http-server}).
 *   <li>{@code GET /health/ready}: 200 only while the node serves ({@code node}) and, in a cluster,
 *       Hazelcast is healthy ({@code cluster-membership}) and this node holds every member's
 *       interest ({@code interest-table}); 503 otherwise, so that load balancers send it no clients.
 * </ul>
 */
public final class HealthRoutes {
  /** Local address on which the cluster verticle answers whether it mirrors every member. */
  public static final String INTEREST_IN_SYNC = "herald.internal.interest-in-sync";

  private HealthRoutes() {}

  public static void mount(Router router, Vertx vertx, NodeState state) {
    HealthCheckHandler live = HealthCheckHandler.create(vertx);
    // Answering at all is the proof: this runs on the event loop that serves the request.
    live.register("http-server", promise -> promise.complete(Status.OK()));
    router.get("/health/live").handler(live);

    HealthCheckHandler ready = HealthCheckHandler.create(vertx);
    ready.register("node", promise -> {
      JsonObject phase = new JsonObject().put("phase", state.phase().name());
      promise.complete(state.isServing() ? Status.OK(phase) : Status.KO(phase));
    });
    if (vertx.isClustered()) {
      ready.register("cluster-membership", ClusterHealthCheck.createProcedure(vertx));
      ready.register("interest-table", promise -> vertx.eventBus()
          .<Boolean>request(INTEREST_IN_SYNC, null)
          .onComplete(
              reply -> promise.complete(Boolean.TRUE.equals(reply.body()) ? Status.OK() : Status.KO()),
              failure -> promise.complete(Status.KO(new JsonObject().put("error", failure.getMessage())))));
    }
    router.get("/health/ready").handler(ready);
  }
}
