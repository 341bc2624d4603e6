package io.herald.ingest;

import io.herald.auth.Principal;
import io.herald.auth.TokenExtractor;
import io.herald.auth.TokenVerifier;
import io.herald.ops.NodeState;
import io.herald.protocol.ErrorReason;
import io.herald.protocol.HeraldException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * {@code POST /v1.0/events}: a service token in {@code Authorization: Bearer}, a body of one event
 * or an array of them. Answers 202 {@code {"accepted":n}} once every event is handed to the
 * node's event loops (with history on: once kept in its customer's stream); failures go to the
 * router's failure handler as {@link HeraldException}s.
 * Mount after a BodyHandler that enforces the size limit.
 */
public final class PublishHandler implements Handler<RoutingContext> {
  private final TokenVerifier verifier;
  private final EventParser parser;
  private final EventPublisher publisher;
  private final NodeState state;

  public PublishHandler(
      TokenVerifier verifier, EventParser parser, EventPublisher publisher, NodeState state) {
    this.verifier = verifier;
    this.parser = parser;
    this.publisher = publisher;
    this.state = state;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (!state.isServing()) {
      // Starting, the node cannot route yet; draining, it is about to go: publish elsewhere.
      ctx.fail(new HeraldException(ErrorReason.UNAVAILABLE, "the node is not serving"));
      return;
    }
    verifier
        .verify(TokenExtractor.bearer(ctx.request()))
        .compose(principal -> accept(principal, ctx.body().buffer()))
        .onSuccess(count -> ctx.response()
            .setStatusCode(202)
            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
            .end(new JsonObject().put("accepted", count).encode()))
        .onFailure(ctx::fail);
  }

  private Future<Integer> accept(Principal principal, Buffer body) {
    if (!principal.mayPublish()) {
      return Future.failedFuture(new HeraldException(
          ErrorReason.PERMISSION_DENIED, "only service tokens may publish"));
    }
    List<Event> events = parser.parse(decode(body));
    return publisher.publish(events).transform(PublishHandler::unavailableIfFailed)
        .map(v -> events.size());
  }

  /** The streams could not keep the events (the cluster is changing): publish again. */
  static Future<Void> unavailableIfFailed(io.vertx.core.AsyncResult<Void> appended) {
    return appended.succeeded()
        ? Future.succeededFuture()
        : Future.failedFuture(new HeraldException(ErrorReason.UNAVAILABLE,
            "the events could not be kept in their streams: " + appended.cause().getMessage()));
  }

  static Object decode(Buffer body) {
    if (body == null || body.length() == 0) {
      throw new HeraldException(ErrorReason.BAD_REQUEST, "the body must be JSON");
    }
    try {
      return Json.decodeValue(body);
    } catch (DecodeException e) {
      throw new HeraldException(ErrorReason.BAD_REQUEST, "the body is not valid JSON");
    }
  }
}
