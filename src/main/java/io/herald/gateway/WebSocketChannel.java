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
  private final ServerWebSocket socket;

  WebSocketChannel(ServerWebSocket socket) {
    this.socket = socket;
  }

  @Override
  public void send(TextFrame frame) {
    if (socket.isClosed()) {
      return;
    }
    socket.writeFrame(
        new WebSocketFrameImpl(WebSocketFrameType.TEXT, Unpooled.wrappedBuffer(frame.utf8()), true));
  }

  @Override
  public void close(CloseCode code, String reason) {
    if (!socket.isClosed()) {
      socket.close(code.code(), reason);
    }
  }
}
