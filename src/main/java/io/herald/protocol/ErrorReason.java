package io.herald.protocol;

/**
 * Every reason Herald gives a client for refusing something, with the HTTP status and the
 * canonical status name used when the refusal travels over HTTP. This enum is the one place where
 * reasons map to statuses; error frames carry {@link #name()} as their {@code reason}.
 */
public enum ErrorReason {
  BAD_REQUEST(400, "INVALID_ARGUMENT"),
  INVALID_TOPIC(400, "INVALID_ARGUMENT"),
  AUTHENTICATION_REQUIRED(401, "UNAUTHENTICATED"),
  INVALID_CREDENTIALS(401, "UNAUTHENTICATED"),
  PERMISSION_DENIED(403, "PERMISSION_DENIED"),
  ORIGIN_NOT_ALLOWED(403, "PERMISSION_DENIED"),
  NOT_FOUND(404, "NOT_FOUND"),
  PAYLOAD_TOO_LARGE(413, "RESOURCE_EXHAUSTED"),
  TOO_MANY_SUBSCRIPTIONS(429, "RESOURCE_EXHAUSTED"),
  RATE_LIMITED(429, "RESOURCE_EXHAUSTED"),
  TOO_MANY_CONNECTIONS(429, "RESOURCE_EXHAUSTED"),
  INTERNAL(500, "INTERNAL"),
  UNAVAILABLE(503, "UNAVAILABLE");

  private final int httpStatus;
  private final String status;

  ErrorReason(int httpStatus, String status) {
    this.httpStatus = httpStatus;
    this.status = status;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** The coarse status name of the HTTP error envelope, e.g. {@code UNAUTHENTICATED}. */
  public String status() {
    return status;
  }
}
