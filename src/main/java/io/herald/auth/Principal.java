package io.herald.auth;

import java.time.Instant;
import java.util.UUID;

/**
 * Who a verified token speaks for.
 *
 * @param kind what sort of token it was
 * @param customerId the customer the token belongs to; null only for a service token without one
 * @param agentId the agent, for agent tokens; null otherwise
 * @param permission the permission bits ({@link #SUPER_ADMIN}, {@link #CUSTOMER_ADMIN}...)
 * @param expiresAt when the token, and any connection opened with it, ends
 */
public record Principal(Kind kind, UUID customerId, UUID agentId, int permission, Instant expiresAt) {
  public static final int SUPER_ADMIN = 0x0001;
  public static final int AGENT = 0x0010;
  public static final int CUSTOMER_ADMIN = 0x0020;
  public static final int CUSTOMER_MANAGER = 0x0040;

  public enum Kind {
    /** {@code "type":"agent"} tokens: an agent of a customer, with permission bits. */
    AGENT,
    /** Legacy {@code customer} tokens: an admin of that customer. */
    CUSTOMER,
    /** {@code "type":"service"} tokens: backends that publish and never subscribe. */
    SERVICE
  }

  public boolean has(int permissionBit) {
    return (permission & permissionBit) != 0;
  }

  public boolean mayPublish() {
    return kind == Kind.SERVICE;
  }

  public boolean maySubscribe() {
    return kind != Kind.SERVICE;
  }

  public boolean isExpiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
