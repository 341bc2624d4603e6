package io.herald.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.protocol.ErrorReason;
import io.herald.protocol.HeraldException;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClaimsMapperTest {
  static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
  static final UUID CUSTOMER = UUID.randomUUID();
  static final UUID AGENT = UUID.randomUUID();

  static JsonObject agentClaims(Object permission) {
    return new JsonObject()
        .put("type", "agent")
        .put("agent", new JsonObject().put("id", AGENT.toString())
            .put("customer_id", CUSTOMER.toString()).put("permission", permission))
        .put("expire", "2026-12-31T23:59:59.000000Z");
  }

  static void assertInvalid(JsonObject claims) {
    assertThatThrownBy(() -> ClaimsMapper.toPrincipal(claims, NOW))
        .isInstanceOfSatisfying(HeraldException.class,
            e -> assertThat(e.reason()).isEqualTo(ErrorReason.INVALID_CREDENTIALS));
  }

  @Test
  void agentToken() {
    Principal p = ClaimsMapper.toPrincipal(agentClaims(0x0030), NOW);
    assertThat(p).isEqualTo(new Principal(Principal.Kind.AGENT, CUSTOMER, AGENT, 0x30,
        Instant.parse("2026-12-31T23:59:59Z")));
  }

  @Test
  void legacyCustomerTokenWithObjectOrStringClaimIsAnAdmin() {
    JsonObject customer = new JsonObject().put("id", CUSTOMER.toString()).put("name", "acme");
    long exp = NOW.plusSeconds(60).getEpochSecond();
    for (Object claim : new Object[] {customer, customer.encode()}) {
      Principal p = ClaimsMapper.toPrincipal(new JsonObject().put("customer", claim).put("exp", exp), NOW);
      assertThat(p.kind()).isEqualTo(Principal.Kind.CUSTOMER);
      assertThat(p.customerId()).isEqualTo(CUSTOMER);
      assertThat(p.has(Principal.CUSTOMER_ADMIN)).isTrue();
      assertThat(p.expiresAt()).isEqualTo(Instant.ofEpochSecond(exp));
    }
  }

  @Test
  void serviceToken() {
    Principal p = ClaimsMapper.toPrincipal(
        new JsonObject().put("type", "service").put("exp", NOW.getEpochSecond() + 5), NOW);
    assertThat(p.mayPublish()).isTrue();
    assertThat(p.maySubscribe()).isFalse();
  }

  @Test
  void earlierOfExpAndExpireWins() {
    JsonObject claims = agentClaims(0).put("exp", NOW.plusSeconds(10).getEpochSecond());
    assertThat(ClaimsMapper.toPrincipal(claims, NOW).expiresAt()).isEqualTo(NOW.plusSeconds(10));
  }

  @Test
  void expiredTokensAreInvalid() {
    assertInvalid(agentClaims(0).put("expire", "2026-12-04T11:59:59Z"));
    assertInvalid(agentClaims(0).put("exp", NOW.getEpochSecond()));
  }

  @Test
  void tokenWithoutExpiryIsInvalid() {
    JsonObject claims = agentClaims(0);
    claims.remove("expire");
    assertInvalid(claims);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"type\":\"agent\",\"expire\":\"2027-01-01T00:00:00Z\"}",
      "{\"type\":\"agent\",\"agent\":5,\"expire\":\"2027-01-01T00:00:00Z\"}",
      "{\"type\":\"agent\",\"agent\":\"{not json\",\"expire\":\"2027-01-01T00:00:00Z\"}",
      "{\"type\":\"agent\",\"agent\":{\"id\":\"x\",\"customer_id\":\"00000000-0000-0000-0000-000000000001\"},\"expire\":\"2027-01-01T00:00:00Z\"}",
      "{\"type\":\"agent\",\"agent\":{\"id\":\"00000000-0000-0000-0000-000000000001\"},\"expire\":\"2027-01-01T00:00:00Z\"}",
      "{\"type\":\"agent\",\"agent\":{\"id\":\"00000000-0000-0000-0000-000000000001\",\"customer_id\":\"00000000-0000-0000-0000-000000000001\",\"permission\":\"32\"},\"expire\":\"2027-01-01T00:00:00Z\"}",
      "{\"type\":\"agent\",\"agent\":{\"id\":\"00000000-0000-0000-0000-000000000001\",\"customer_id\":\"00000000-0000-0000-0000-000000000001\",\"permission\":1.5},\"expire\":\"2027-01-01T00:00:00Z\"}",
      "{\"type\":\"agent\",\"agent\":{\"id\":\"00000000-0000-0000-0000-000000000001\",\"customer_id\":\"00000000-0000-0000-0000-000000000001\",\"permission\":99999999999},\"expire\":\"2027-01-01T00:00:00Z\"}",
      "{\"type\":\"admin\",\"exp\":1900000000}",
      "{\"customer\":{\"id\":7},\"exp\":1900000000}",
      "{\"customer\":[],\"exp\":1900000000}",
      "{\"customer\":{\"id\":\"00000000-0000-0000-0000-000000000000\"},\"exp\":1900000000}",
      "{\"exp\":1900000000}",
      "{\"type\":\"service\",\"exp\":\"soon\"}",
      "{\"type\":\"service\",\"expire\":\"tomorrow\"}",
      "{\"type\":\"service\",\"expire\":12}",
      "{\"type\":\"service\",\"customer_id\":\"x\",\"exp\":1900000000}",
      "{\"type\":[\"agent\"],\"exp\":1900000000}",
      "{\"type\":\"service\",\"exp\":9223372036854775807}",
      "{\"type\":\"service\",\"exp\":-9223372036854775808}"
  })
  void malformedClaimsAreInvalidCredentials(String claims) {
    assertInvalid(new JsonObject(claims));
  }
}
