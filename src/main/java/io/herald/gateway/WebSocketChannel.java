package io.herald.gateway;

import io.herald.ops.DisconnectCounters;
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
  private final int queueBytes;
  private final DisconnectCounters disconnects;
  /**
   * Bytes handed to the socket and not yet written to the kernel. Counted here rather than read
   * from {@code writeQueueFull()}: Netty reports unwritability a task later, by which time a burst
   * of events could have queued megabytes more.
   */
  private long pendingBytes;
  /**
   * Set once we start closing. {@code isClosed()} stays false until the close handshake ends,
   * and every close() call queues another close frame behind the unread data: with a stalled
   * reader that grew the heap by one frame per event.
   */
  private boolean closing;

  /** @param queueBytes unsent bytes allowed before the client counts as a slow consumer */
  WebSocketChannel(ServerWebSocket socket, int queueBytes, DisconnectCounters disconnects) {
    this.socket = socket;
    this.queueBytes = queueBytes;
    this.disconnects = disconnects;
  }

  @Override
  public void send(TextFrame frame) {
    if (closing || socket.isClosed()) {
      return;
    }
    if (pendingBytes + frame.length() > queueBytes) {
      // Bounded memory per connection: a reader this slow would otherwise grow the heap without
      // limit. It is told why, after what it has not read yet.
      close(CloseCode.SLOW_CONSUMER, "slow consumer");
      return;
    }
    int length = frame.length();
    pendingBytes += length;
    socket.writeFrame(
            new WebSocketFrameImpl(WebSocketFrameType.TEXT, Unpooled.wrappedBuffer(frame.utf8()), true))
        .onComplete(written -> pendingBytes -= length);
  }

  @Override
  public void ping() {
    if (!closing && !socket.isClosed()) {
      socket.writePing(PING);
    }
  }

  @Override
  public void close(CloseCode code, String reason) {
    if (!closing && !socket.isClosed()) {
      closing = true;
      disconnects.closed(code);
      socket.close(code.code(), reason);
    }
  }
}
