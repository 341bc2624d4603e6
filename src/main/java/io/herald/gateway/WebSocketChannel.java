package io.herald.gateway;

import io.herald.protocol.CloseCode;
import io.herald.protocol.TextFrame;
import io.herald.session.ClientChannel;
import io.netty.buffer.Unpooled;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;

/**
 * A {@link ClientChannel} over a Vert.x server WebSocket.
 *
 * <p>The public API can only write text frames from a String, which would UTF-8 encode every
 * event again for every socket. Wrapping the shared encoded bytes in a text frame needs Vert.x's
 * frame implementation class; the wrapper is a fresh view over the same array per write, so
 * sockets never share reader indexes.
 */
final class WebSocketChannel implements ClientChannel {
  private static final io.vertx.core.buffer.Buffer PING = io.vertx.core.buffer.Buffer.buffer("h");

  private final ServerWebSocket socket;

  /** @param queueBytes unsent bytes allowed before the client counts as a slow consumer */
  WebSocketChannel(ServerWebSocket socket, int queueBytes) {
    this.socket = socket;
    socket.setWriteQueueMaxSize(queueBytes);
  }

  @Override
  public void send(TextFrame frame) {
    if (socket.isClosed()) {
      return;
    }
    if (socket.writeQueueFull()) {
      // Bounded memory per connection: a reader this slow would otherwise grow the heap without
      // limit. It is told why, after what it has not read yet.
      socket.close(CloseCode.SLOW_CONSUMER.code(), "slow consumer");
      return;
    }
    socket.writeFrame(
        new WebSocketFrameImpl(WebSocketFrameType.TEXT, Unpooled.wrappedBuffer(frame.utf8()), true));
  }

  @Override
  public void ping() {
    if (!socket.isClosed()) {
      socket.writePing(PING);
    }
  }

  @Override
  public void close(CloseCode code, String reason) {
    if (!socket.isClosed()) {
      socket.close(code.code(), reason);
    }
  }
}
