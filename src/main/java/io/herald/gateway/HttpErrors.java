package io.herald.gateway;

import io.herald.protocol.ErrorReason;
import io.herald.protocol.HeraldException;
import io.herald.protocol.ServerFrameEncoder;
import io.vertx.core.Handler;
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

  /** How long, and how much of a refused body, we read before answering and closing. */
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
    if (!request.isEnded() && hasBody(request)) {
      // Answer only once the refused body is read (and dropped): Vert.x serves the next request
      // on a connection after the current one ends, and a client still sending would often see
      // a reset instead of our answer. Bounded in bytes and time; past the bound we answer and
      // close.
      drainThen(ctx.vertx(), request, completed -> answer(request, response, reason, message,
          status, !completed));
    } else {
      answer(request, response, reason, message, status, request.canUpgradeToWebSocket());
    }
  }

  private void answer(HttpServerRequest request, HttpServerResponse response, ErrorReason reason,
      String message, int status, boolean close) {
    if (response.ended() || response.closed()) {
      return;
    }
    if (close) {
      // A refused upgrade leaves nothing to reuse the connection for; nor does a body we
      // stopped reading.
      response.putHeader(HttpHeaders.CONNECTION, "close");
    }
    response
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(Buffer.buffer(encoder.httpError(reason, message).utf8()))
        .onComplete(written -> {
          if (close) {
            request.connection().close();
          }
        });
  }

  private static boolean hasBody(HttpServerRequest request) {
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    return request.headers().contains(HttpHeaders.TRANSFER_ENCODING)
        || (length != null && !length.trim().equals("0"));
  }

  /**
   * Reads and drops the rest of a body, then calls {@code done} with true when the body ended
   * within {@link #LINGER_BYTES} and {@link #LINGER_MILLIS}, false when a bound was hit first.
   */
  private static void drainThen(Vertx vertx, HttpServerRequest request, Handler<Boolean> done) {
    boolean[] finished = {false};
    Handler<Boolean> once = completed -> {
      if (!finished[0]) {
        finished[0] = true;
        if (!completed) {
          request.pause();
        }
        done.handle(completed);
      }
    };
    long timer = vertx.setTimer(LINGER_MILLIS, id -> once.handle(false));
    long[] dropped = {0};
    request.handler(chunk -> {
      dropped[0] += chunk.length();
      if (dropped[0] > LINGER_BYTES) {
        vertx.cancelTimer(timer);
        once.handle(false);
      }
    });
    request.endHandler(end -> {
      vertx.cancelTimer(timer);
      once.handle(true);
    });
    request.exceptionHandler(failure -> {
      vertx.cancelTimer(timer);
      once.handle(false);
    });
    request.resume();
  }
}
