package io.herald.protocol;

/** WebSocket close codes Herald sends, from RFC 6455 and Herald's own 4000-4999 range. */
public enum CloseCode {
  /** The node is shutting down; reconnect (to another node). */
  GOING_AWAY(1001),
  /** A binary frame arrived; Herald speaks JSON text only. */
  UNSUPPORTED_DATA(1003),
  /** A message exceeded the configured maximum message size. */
  MESSAGE_TOO_BIG(1009),
  /** The connection's token expired. */
  TOKEN_EXPIRED(4001),
  /** The client answered no ping (nor sent anything) for the idle timeout. */
  HEARTBEAT_TIMEOUT(4002),
  /** The client read too slowly: its outbound queue reached the limit. */
  SLOW_CONSUMER(4008);

  private final short code;

  CloseCode(int code) {
    this.code = (short) code;
  }

  public short code() {
    return code;
  }
}
