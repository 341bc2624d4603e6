package io.herald.gateway;

import io.herald.protocol.ErrorReason;
import io.herald.protocol.HeraldException;
import io.herald.protocol.ServerFrameEncoder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
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

  /** How long, and how much more of a refused body, we read before closing the connection. */
  static final long LINGER_MILLIS = 2_000;
  static final long LINGER_BYTES = 16L * 1024 * 1024;

  private final ServerFrameEncoder encoder;

  public HttpErrors(ServerFrameEncoder encoder) {
    this.encoder = encoder;
  }

  /** The router's failure handler. */
  public void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof HeraldException e) {
      send(ctx, e.reason(), e.getMessage(), e.reason().httpStatus());
      return;
    }
    switch (ctx.statusCode()) {
      case 400 -> send(ctx, ErrorReason.BAD_REQUEST, "the request is malformed", 400);
      case 404 -> send(ctx, ErrorReason.NOT_FOUND, "no such resource", 404);
      case 405 -> send(ctx, ErrorReason.BAD_REQUEST, "method not allowed", 405);
      case 413 -> send(ctx, ErrorReason.PAYLOAD_TOO_LARGE, "the body is too large", 413);
      default -> {
        // The path, never the query: it may hold a token.
        LOG.log(Level.WARNING, "request to " + ctx.request().path() + " failed", failure);
        send(ctx, ErrorReason.INTERNAL, "internal error", 500);
      }
    }
  }

  public void send(RoutingContext ctx, ErrorReason reason, String message) {
    send(ctx, reason, message, reason.httpStatus());
  }

  private void send(RoutingContext ctx, ErrorReason reason, String message, int status) {
    HttpServerRequest request = ctx.request();
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    boolean bodyUnread = !request.isEnded() && hasBody(request);
    boolean closeAfter = bodyUnread || request.canUpgradeToWebSocket();
    if (closeAfter) {
      // A refused upgrade leaves nothing to reuse the connection for; nor does a body we
      // refused to read.
      response.putHeader(HttpHeaders.CONNECTION, "close");
    }
    Future<Void> written = response
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(Buffer.buffer(encoder.httpError(reason, message).utf8()));
    if (bodyUnread) {
      lingerThenClose(ctx.vertx(), request, written);
    } else if (closeAfter) {
      written.onComplete(done -> request.connection().close());
    }
  }

  private static boolean hasBody(HttpServerRequest request) {
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    return request.headers().contains(HttpHeaders.TRANSFER_ENCODING)
        || (length != null && !length.trim().equals("0"));
  }

  /**
   * Reads and drops the rest of a refused body, then closes, once our answer is written. Vert.x
   * serves the next request on a connection only after the current one ends, so a paused body
   * would hold the connection forever; closing at once instead would make many clients, still
   * sending, report a reset rather than our answer. Bounded in bytes and time, like a web
   * server's lingering close.
   */
  private static void lingerThenClose(Vertx vertx, HttpServerRequest request, Future<Void> written) {
    Runnable close = () -> written.onComplete(done -> request.connection().close());
    long timer = vertx.setTimer(LINGER_MILLIS, id -> close.run());
    long[] dropped = {0};
    request.handler(chunk -> {
      dropped[0] += chunk.length();
      if (dropped[0] > LINGER_BYTES && vertx.cancelTimer(timer)) {
        close.run();
      }
    });
    request.endHandler(end -> {
      if (vertx.cancelTimer(timer)) {
        close.run();
      }
    });
    request.resume();
  }
}
