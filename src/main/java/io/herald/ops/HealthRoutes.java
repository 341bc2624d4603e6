package io.herald.ops;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /health/live}: 200 while the process can serve HTTP at all. {@code GET
 * /health/ready}: 200 only while the node is serving; 503 while starting or draining, so that a
 * load balancer sends no new clients to it.
 */
public final class HealthRoutes {
  private HealthRoutes() {}

  public static void mount(Router router, NodeState state) {
    router.get("/health/live").handler(ctx -> respond(ctx, 200, "UP", state));
    router
        .get("/health/ready")
        .handler(ctx -> respond(ctx, state.isServing() ? 200 : 503,
            state.isServing() ? "UP" : "DOWN", state));
  }

  private static void respond(RoutingContext ctx, int status, String verdict, NodeState state) {
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(new JsonObject().put("status", verdict).put("phase", state.phase().name()).encode());
  }
}
