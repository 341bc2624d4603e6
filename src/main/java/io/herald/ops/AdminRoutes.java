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
 * For super admins only. {@code GET /v1.0/admin/cluster}: this node's id, the members, per member
 * the interest prefix count and version this node holds for it, and the connections this node
 * closed by close code. {@code GET /v1.0/admin/streams/<customer id>} (history on): the
 * customer's stream, its epoch, head and oldest held offset, and the node that sequences it.
 */
public final class AdminRoutes {
  /** Local address on which the cluster verticle answers with its routing state. */
  public static final String DESCRIBE = "herald.internal.describe";
  /** Local address on which the node describes one customer stream (history on). */
  public static final String STREAM = "herald.internal.stream";

  private AdminRoutes() {}

  public static void mount(Router router, TokenVerifier verifier, EventBus bus,
      DisconnectCounters disconnects) {
    router.get("/v1.0/admin/cluster").handler(ctx -> superAdmin(verifier, ctx)
        .compose(v -> describe(bus))
        .onSuccess(state -> ctx.response()
            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
            .end(state.copy().put("disconnects", disconnects.toJson()).encodePrettily()))
        .onFailure(ctx::fail));
    router.get("/v1.0/admin/streams/:customer").handler(ctx -> superAdmin(verifier, ctx)
        .compose(v -> stream(bus, ctx.pathParam("customer")))
        .onSuccess(state -> ctx.response()
            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(state.encodePrettily()))
        .onFailure(ctx::fail));
  }

  private static Future<Void> superAdmin(TokenVerifier verifier, io.vertx.ext.web.RoutingContext ctx) {
    return verifier.verify(TokenExtractor.bearer(ctx.request()))
        .compose(principal -> principal.has(Principal.SUPER_ADMIN) && principal.maySubscribe()
            ? Future.succeededFuture()
            : Future.failedFuture(new HeraldException(
                ErrorReason.PERMISSION_DENIED, "only a project super admin may see the cluster")));
  }

  private static Future<JsonObject> stream(EventBus bus, String customer) {
    try {
      java.util.UUID.fromString(customer);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(new HeraldException(ErrorReason.BAD_REQUEST, "not a customer id"));
    }
    return bus.<JsonObject>request(STREAM, customer).map(reply -> reply.body())
        .recover(failure -> Future.failedFuture(failure instanceof ReplyException reply
                && reply.failureType() == ReplyFailure.NO_HANDLERS
            ? new HeraldException(ErrorReason.NOT_FOUND, "history is off on this node")
            : new HeraldException(ErrorReason.UNAVAILABLE, "the stream could not be read")));
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
