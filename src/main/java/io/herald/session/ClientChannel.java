package io.herald.session;

import io.herald.protocol.CloseCode;
import io.herald.protocol.TextFrame;

/**
 * What a session needs from its connection. The WebSocket adapter is thin; tests use an in-memory
 * channel. Called only from the event loop that owns the session.
 */
public interface ClientChannel {
  /** Queues a text frame; the same frame instance may be sent on many channels. */
  void send(TextFrame frame);

  /** Sends a WebSocket ping; the client's pong (or any frame) counts as a sign of life. */
  void ping();

  /** Closes the connection with {@code code}; later sends are ignored. */
  void close(CloseCode code, String reason);
}
