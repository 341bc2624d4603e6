package io.herald.gateway;

import io.herald.ops.DisconnectCounters;
import io.herald.protocol.CloseCode;
import io.herald.protocol.TextFrame;
import io.herald.session.ClientChannel;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.vertx.core.http.ServerWebSocket;

/**
 * A {@link ClientChannel} over a Vert.x server WebSocket.
 *
 * <p>Frames bypass Vert.x's write path, which flushes every write made outside the connection's
 * own read (one system call per event per socket) and can only write text from a String (a
 * UTF-8 encoding per socket). Instead each socket gathers the WebSocket bytes of the frames it
 * gets during one event-loop iteration (a header plus a copy of the frame's shared, once-encoded
 * payload) in one direct buffer, which {@link OutboundBatch} writes and flushes at the end of the
 * iteration. Vert.x's own writes (pings, the close frame) go through the same Netty channel, and
 * what was gathered is written before them, so frames stay in order. The channel comes from
 * Vert.x's connection class, an internal API (see WebSocketEndpoint), checked on every Vert.x
 * upgrade by the delivery tests.
 */
final class WebSocketChannel implements ClientChannel, OutboundBatch.Gathering {
  private static final io.vertx.core.buffer.Buffer PING = io.vertx.core.buffer.Buffer.buffer("h");
  private static final int FIN_TEXT = 0x81;
  private static final int GATHER_CAPACITY = 4096;
  /**
   * Gathered bytes beyond which a socket writes them out at once rather than at the end of the
   * iteration: a publish batch can hold megabytes, and the kernel, not this buffer, is where a
   * reader that keeps up should find them (only what the kernel refuses counts towards the
   * slow-consumer limit).
   */
  private static final int GATHER_LIMIT = 64 * 1024;

  private final ServerWebSocket socket;
  private final Channel channel;
  private final OutboundBatch batch;
  private final int queueBytes;
  private final DisconnectCounters disconnects;
  /** Frames of this iteration, not handed to Netty yet; null when there are none. */
  private ByteBuf gathered;
  /** Whether the batch will call {@link #endOfIteration()} for this socket in this iteration. */
  private boolean inBatch;
  /**
   * Set once we start closing. {@code isClosed()} stays false until the close handshake ends,
   * and every close() call queues another close frame behind the unread data: with a stalled
   * reader that grew the heap by one frame per event.
   */
  private boolean closing;

  /** @param channel the Netty channel under {@code socket} */
  WebSocketChannel(ServerWebSocket socket, Channel channel, OutboundBatch batch, int queueBytes,
      DisconnectCounters disconnects) {
    this.socket = socket;
    this.channel = channel;
    this.batch = batch;
    this.queueBytes = queueBytes;
    this.disconnects = disconnects;
  }

  @Override
  public void send(TextFrame frame) {
    if (closing || socket.isClosed()) {
      return;
    }
    // Bytes handed to Netty and not yet taken by the kernel, counted by Netty as each write is
    // queued (writeQueueFull() would report a task later, after a burst had queued megabytes),
    // plus what this iteration gathered.
    ChannelOutboundBuffer outbound = channel.unsafe().outboundBuffer();
    if (outbound == null) {
      return; // the channel is closed; Vert.x's close handler ends the session
    }
    long queued = outbound.totalPendingWriteBytes() + (gathered == null ? 0 : gathered.readableBytes());
    byte[] payload = frame.utf8();
    if (queued + payload.length > queueBytes) {
      // Bounded memory per connection: a reader this slow would otherwise grow the heap without
      // limit. It is told why, after what it has not read yet.
      close(CloseCode.SLOW_CONSUMER, "slow consumer");
      return;
    }
    if (gathered == null) {
      gathered = channel.alloc().directBuffer(Math.max(GATHER_CAPACITY, payload.length + 10));
      if (!inBatch) {
        inBatch = true;
        batch.add(this, channel.eventLoop());
      }
    }
    writeTextHeader(gathered, payload.length);
    gathered.writeBytes(payload);
    if (gathered.readableBytes() >= GATHER_LIMIT) {
      writeGathered(); // the batch's end-of-iteration call then finds nothing to do
    }
  }

  /** RFC 6455 header of one unfragmented, unmasked (as server frames are) text frame. */
  private static void writeTextHeader(ByteBuf out, int length) {
    out.writeByte(FIN_TEXT);
    if (length < 126) {
      out.writeByte(length);
    } else if (length <= 0xFFFF) {
      out.writeByte(126).writeShort(length);
    } else {
      out.writeByte(127).writeLong(length);
    }
  }

  @Override
  public void endOfIteration() {
    inBatch = false;
    writeGathered();
  }

  private void writeGathered() {
    ByteBuf frames = gathered;
    if (frames == null) {
      return;
    }
    gathered = null;
    if (socket.isClosed() || !channel.isActive()) {
      frames.release(); // the client closed: nothing may follow its close frame's echo
      return;
    }
    channel.writeAndFlush(frames, channel.voidPromise());
  }

  @Override
  public void ping() {
    if (!closing && !socket.isClosed()) {
      writeGathered();
      socket.writePing(PING);
    }
  }

  @Override
  public void close(CloseCode code, String reason) {
    if (!closing && !socket.isClosed()) {
      writeGathered(); // what the client was sent before the close, it gets before the close
      closing = true;
      disconnects.closed(code);
      socket.close(code.code(), reason);
    }
  }
}
