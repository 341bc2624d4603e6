package io.herald.gateway;

import io.herald.auth.Principal;
import io.herald.auth.TokenExtractor;
import io.herald.auth.TokenVerifier;
import io.herald.protocol.CloseCode;
import io.herald.protocol.ErrorReason;
import io.herald.protocol.HeraldException;
import io.herald.session.InterestGate;
import io.herald.session.Session;
import io.herald.session.SessionLimits;
import io.herald.session.StreamReader;
import io.herald.topic.SubscriptionTrie;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * {@code GET /v1.0/ws}: authenticates the handshake before upgrading it, then binds the socket to
 * a {@link Session}. Refusals (401, 403, 503) go to the router's failure handler. Runs on, and
 * registers sessions with, the event loop of the verticle that owns {@code trie} and
 * {@code sessions}.
 */
final class WebSocketEndpoint implements Handler<RoutingContext> {
  private final Vertx vertx;
  private final NodeServices node;
  private final TokenVerifier verifier;
  private final SubscriptionTrie<Session> trie;
  private final Set<Session> sessions;
  private final SessionLimits limits;
  private final InterestGate interest;
  private final OutboundBatch batch = new OutboundBatch();

  /** Null when history is off. */
  private final StreamReader streams;

  WebSocketEndpoint(
      Vertx vertx,
      NodeServices node,
      TokenVerifier verifier,
      SubscriptionTrie<Session> trie,
      Set<Session> sessions,
      SessionLimits limits,
      InterestGate interest,
      StreamReader streams) {
    this.streams = streams;
    this.vertx = vertx;
    this.node = node;
    this.verifier = verifier;
    this.trie = trie;
    this.sessions = sessions;
    this.limits = limits;
    this.interest = interest;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (!node.state().isServing()) {
      refuse(ctx, new HeraldException(ErrorReason.UNAVAILABLE, "the node is not serving"));
      return;
    }
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    if (origin != null && !originAllowed(origin)) {
      // Browsers always send Origin; refusing others' pages stops cross-site WebSocket hijacking.
      refuse(ctx, new HeraldException(ErrorReason.ORIGIN_NOT_ALLOWED, "origin not allowed"));
      return;
    }
    verifier
        .verify(TokenExtractor.fromHandshake(request))
        .compose(principal -> upgrade(request, principal))
        .onFailure(failure -> refuse(ctx, failure));
  }

  private void refuse(RoutingContext ctx, Throwable failure) {
    node.metrics().handshakeRefused(failure instanceof HeraldException refusal
        ? refusal.reason() : ErrorReason.INTERNAL);
    ctx.fail(failure);
  }

  private Future<Void> upgrade(HttpServerRequest request, Principal principal) {
    if (!principal.maySubscribe()) {
      return Future.failedFuture(new HeraldException(
          ErrorReason.PERMISSION_DENIED, "service tokens may publish but not subscribe"));
    }
    if (!request.canUpgradeToWebSocket()) {
      return Future.failedFuture(new HeraldException(
          ErrorReason.BAD_REQUEST, "this endpoint only takes WebSocket upgrades"));
    }
    if (!node.quotas().tryAcquire(principal.customerId())) {
      return Future.failedFuture(new HeraldException(ErrorReason.TOO_MANY_CONNECTIONS,
          "too many connections on this node, for it or for this customer"));
    }
    // The Netty channel under the connection, for WebSocketChannel's unflushed writes. Vert.x
    // exposes it only on its connection implementation class, and vertx-web wraps the socket, so
    // it is taken here, from the request's connection, which keeps its channel after the upgrade.
    Channel channel = ((ConnectionBase) request.connection()).channel();
    return request.toWebSocket()
        .onFailure(failed -> node.quotas().release(principal.customerId()))
        .map(socket -> {
          attach(socket, channel, principal);
          return null;
        });
  }

  /**
   * Closes the session with 4001 when its token expires; a refresh moves the expiry, so when the
   * timer fires on a refreshed session it is set again for the new expiry.
   */
  private void scheduleExpiry(Session session, long[] timer) {
    long untilExpiry = Duration.between(node.clock().instant(), session.principal().expiresAt()).toMillis();
    timer[0] = vertx.setTimer(Math.max(1, untilExpiry), id -> {
      if (node.clock().instant().isBefore(session.principal().expiresAt())) {
        scheduleExpiry(session, timer);
      } else {
        session.close(CloseCode.TOKEN_EXPIRED, "token expired");
      }
    });
  }

  private void reauthenticate(String token, BiConsumer<Principal, HeraldException> callback) {
    verifier.verify(token).onComplete(
        principal -> callback.accept(principal, null),
        failure -> callback.accept(null, failure instanceof HeraldException refusal
            ? refusal
            : new HeraldException(ErrorReason.INVALID_CREDENTIALS, "the token is not valid")));
  }

  private boolean originAllowed(String origin) {
    List<String> allowedOrigins = node.settings().allowedOrigins();
    if (allowedOrigins.isEmpty() || allowedOrigins.contains("*")) {
      return true;
    }
    for (String allowed : allowedOrigins) {
      if (allowed.equalsIgnoreCase(origin)) {
        return true;
      }
    }
    return false;
  }

  private void attach(ServerWebSocket socket, Channel netty, Principal principal) {
    WebSocketChannel channel = new WebSocketChannel(socket, netty, batch,
        node.settings().outboundQueueBytes(), node.disconnects());
    Session session = new Session(principal, channel, trie, limits, node.codecs(), interest,
        this::reauthenticate, streams, System.nanoTime());
    sessions.add(session);
    long[] expiryTimer = new long[1];
    scheduleExpiry(session, expiryTimer);
    socket.textMessageHandler(text -> session.onText(text, System.nanoTime()));
    socket.pongHandler(pong -> session.onPong(System.nanoTime()));
    socket.binaryMessageHandler(
        data -> session.close(CloseCode.UNSUPPORTED_DATA, "binary frames are not supported"));
    socket.exceptionHandler(failure -> {
      // Over the size limit, Vert.x reports a message as an IllegalStateException and Netty a
      // single frame as a CorruptedWebSocketFrameException; anything else is a transport error
      // that closes the connection anyway.
      if (failure instanceof IllegalStateException
          || (failure instanceof CorruptedWebSocketFrameException corrupted
              && corrupted.closeStatus().code() == CloseCode.MESSAGE_TOO_BIG.code())) {
        session.close(CloseCode.MESSAGE_TOO_BIG, "message too big");
      }
    });
    socket.closeHandler(v -> {
      node.quotas().release(principal.customerId());
      vertx.cancelTimer(expiryTimer[0]);
      session.release();
      sessions.remove(session);
    });
  }
}
