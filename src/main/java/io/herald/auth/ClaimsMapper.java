package io.herald.auth;

import io.herald.protocol.ErrorReason;
import io.herald.protocol.HeraldException;
import io.herald.protocol.Uuids;
import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Maps the claims of a signature-checked JWT to a {@link Principal}, or refuses the token with
 * {@link ErrorReason#INVALID_CREDENTIALS}. Claims are attacker-shaped until proven otherwise, so
 * every field is type-checked here rather than cast.
 */
public final class ClaimsMapper {
  private ClaimsMapper() {}

  public static Principal toPrincipal(JsonObject claims, Instant now) {
    Instant expiresAt = expiry(claims);
    if (!now.isBefore(expiresAt)) {
      throw invalid("the token has expired");
    }
    Object type = claims.getValue("type");
    if ("agent".equals(type)) {
      return agent(claims, expiresAt);
    }
    if ("service".equals(type)) {
      UUID customer = optionalUuid(claims.getValue("customer_id"), "customer_id");
      return new Principal(Principal.Kind.SERVICE, customer, null, 0, expiresAt);
    }
    if (type == null && claims.containsKey("customer")) {
      JsonObject customer = objectClaim(claims.getValue("customer"), "customer");
      UUID id = requiredUuid(customer.getValue("id"), "customer.id");
      return new Principal(
          Principal.Kind.CUSTOMER, id, null, Principal.CUSTOMER_ADMIN, expiresAt);
    }
    throw invalid("the token is neither an agent, a customer nor a service token");
  }

  private static Principal agent(JsonObject claims, Instant expiresAt) {
    JsonObject agent = objectClaim(claims.getValue("agent"), "agent");
    UUID id = requiredUuid(agent.getValue("id"), "agent.id");
    UUID customer = requiredUuid(agent.getValue("customer_id"), "agent.customer_id");
    Object permission = agent.getValue("permission", 0);
    if (!(permission instanceof Integer || permission instanceof Long)
        || ((Number) permission).longValue() != ((Number) permission).intValue()) {
      throw invalid("agent.permission must be an integer");
    }
    return new Principal(
        Principal.Kind.AGENT, customer, id, ((Number) permission).intValue(), expiresAt);
  }

  /** The earlier of {@code exp} (seconds) and {@code expire} (ISO-8601); one is required. */
  private static Instant expiry(JsonObject claims) {
    Instant expiresAt = null;
    Object exp = claims.getValue("exp");
    if (exp != null) {
      if (!(exp instanceof Number)) {
        throw invalid("exp must be a number of seconds");
      }
      try {
        expiresAt = Instant.ofEpochSecond(((Number) exp).longValue());
      } catch (DateTimeException e) {
        throw invalid("exp is out of range");
      }
    }
    Object expire = claims.getValue("expire");
    if (expire != null) {
      if (!(expire instanceof String)) {
        throw invalid("expire must be an ISO-8601 UTC time");
      }
      Instant parsed;
      try {
        parsed = Instant.parse((String) expire);
      } catch (DateTimeParseException e) {
        throw invalid("expire must be an ISO-8601 UTC time");
      }
      expiresAt = expiresAt == null || parsed.isBefore(expiresAt) ? parsed : expiresAt;
    }
    if (expiresAt == null) {
      throw invalid("the token must carry exp or expire");
    }
    return expiresAt;
  }

  /** A claim that is a JSON object, or that object serialized as a JSON string. */
  private static JsonObject objectClaim(Object value, String name) {
    if (value instanceof JsonObject object) {
      return object;
    }
    if (value instanceof String text) {
      try {
        return new JsonObject(text);
      } catch (RuntimeException e) {
        throw invalid(name + " must be a JSON object");
      }
    }
    throw invalid(name + " must be a JSON object");
  }

  private static UUID requiredUuid(Object value, String name) {
    UUID id = optionalUuid(value, name);
    if (id == null) {
      throw invalid(name + " is required");
    }
    return id;
  }

  private static UUID optionalUuid(Object value, String name) {
    if (value == null) {
      return null;
    }
    UUID id = value instanceof String text ? Uuids.parseNonNil(text) : null;
    if (id == null) {
      throw invalid(name + " must be a non-nil UUID");
    }
    return id;
  }

  private static HeraldException invalid(String message) {
    return new HeraldException(ErrorReason.INVALID_CREDENTIALS, message);
  }
}
