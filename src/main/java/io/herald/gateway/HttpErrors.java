package io.herald.gateway;

import io.herald.protocol.ErrorReason;
import io.herald.protocol.HeraldException;
import io.herald.protocol.ServerFrameEncoder;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns every failure of an HTTP route into the error envelope, in one place: a
 * {@link HeraldException} keeps its reason; the statuses vertx-web raises itself (413 from the
 * body limit, 404, 405) get theirs; anything else is a bug, logged and answered 500.
 */
public final class HttpErrors {
  private static final Logger LOG = Logger.getLogger(HttpErrors.class.getName());

  private final ServerFrameEncoder encoder;

  public HttpErrors(ServerFrameEncoder encoder) {
    this.encoder = encoder;
  }

  /** The router's failure handler. */
  public void handle(RoutingContext ctx) {
    if (ctx.request().canUpgradeToWebSocket()) {
      // A refused upgrade leaves nothing to reuse the connection for.
      ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
    }
    Throwable failure = ctx.failure();
    if (failure instanceof HeraldException e) {
      send(ctx.response(), e.reason(), e.getMessage());
      return;
    }
    switch (ctx.statusCode()) {
      case 400 -> send(ctx.response(), ErrorReason.BAD_REQUEST, "the request is malformed");
      case 404 -> send(ctx.response(), ErrorReason.NOT_FOUND, "no such resource");
      case 405 -> send(ctx.response(), ErrorReason.BAD_REQUEST, "method not allowed", 405);
      case 413 -> send(ctx.response(), ErrorReason.PAYLOAD_TOO_LARGE, "the body is too large");
      default -> {
        // The path, never the query: it may hold a token.
        LOG.log(Level.WARNING, "request to " + ctx.request().path() + " failed", failure);
        send(ctx.response(), ErrorReason.INTERNAL, "internal error");
      }
    }
  }

  public void send(HttpServerResponse response, ErrorReason reason, String message) {
    send(response, reason, message, reason.httpStatus());
  }

  private void send(HttpServerResponse response, ErrorReason reason, String message, int status) {
    if (response.ended() || response.closed()) {
      return;
    }
    response
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(Buffer.buffer(encoder.httpError(reason, message).utf8()));
  }
}
