package io.herald.protocol;

/**
 * A refusal with a reason code. Thrown where a request cannot go on (a bad topic, a bad token) and
 * turned into an error frame or an HTTP error in one place. Stackless: it describes bad input,
 * not a bug, and hostile clients can make it happen often.
 */
public final class HeraldException extends RuntimeException {
  private final ErrorReason reason;

  public HeraldException(ErrorReason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public ErrorReason reason() {
    return reason;
  }
}
