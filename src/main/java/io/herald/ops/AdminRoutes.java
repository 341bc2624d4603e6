package io.herald.ops;

import io.herald.auth.Principal;
import io.herald.auth.TokenExtractor;
import io.herald.auth.TokenVerifier;
import io.herald.protocol.ErrorReason;
import io.herald.protocol.HeraldException;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * {@code GET /v1.0/admin/cluster}, for super admins only: this node's id, the members, per member
 * the interest prefix count and version this node holds for it, and the connections this node
 * closed by close code.
 */
public final class AdminRoutes {
  /** Local address on which the cluster verticle answers with its routing state. */
  public static final String DESCRIBE = "herald.internal.describe";

  private AdminRoutes() {}

  public static void mount(Router router, TokenVerifier verifier, EventBus bus,
      DisconnectCounters disconnects) {
    router.get("/v1.0/admin/cluster").handler(ctx -> verifier
        .verify(TokenExtractor.bearer(ctx.request()))
        .compose(principal -> principal.has(Principal.SUPER_ADMIN) && principal.maySubscribe()
            ? describe(bus)
            : Future.failedFuture(new HeraldException(
                ErrorReason.PERMISSION_DENIED, "only a project super admin may see the cluster")))
        .onSuccess(state -> ctx.response()
            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
            .end(state.copy().put("disconnects", disconnects.toJson()).encodePrettily()))
        .onFailure(ctx::fail));
  }

  private static Future<JsonObject> describe(EventBus bus) {
    return bus.<JsonObject>request(DESCRIBE, null)
        .map(reply -> reply.body())
        .recover(failure -> failure instanceof ReplyException reply
                && reply.failureType() == ReplyFailure.NO_HANDLERS
            ? Future.succeededFuture(new JsonObject().put("clustered", false)
                .put("members", new JsonArray()).put("interest", new JsonObject()))
            : Future.failedFuture(failure));
  }
}
