package io.herald.gateway;

import io.herald.protocol.ErrorReason;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.Optional;

/**
 * The web console: a single page at {@code /} (files under /console/, from the jar, with the
 * JavaScript client of clients/js beside them), and the demo tokens it offers at
 * {@code GET /v1.0/demo} when the node runs in demo mode (404 otherwise, so a configured node
 * never hands out a token).
 */
final class ConsoleRoutes {
  private ConsoleRoutes() {}

  static void mount(Router router, Optional<DemoTokens> demo, HttpErrors errors) {
    router.get("/").handler(ctx -> ctx.reroute("/console/index.html"));
    router.get("/console/*").handler(StaticHandler.create("console"));
    router.get("/v1.0/demo").handler(ctx -> demo.ifPresentOrElse(
        tokens -> ctx.response().putHeader("Content-Type", "application/json")
            .putHeader("Cache-Control", "no-store").end(tokens.toJson().encode()),
        () -> errors.send(ctx, ErrorReason.NOT_FOUND, "this node is not in demo mode")));
  }
}
