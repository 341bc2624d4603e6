package io.herald.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.protocol.ErrorReason;
import io.herald.protocol.HeraldException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever claims a correctly signed token carries, the mapper answers with a value or INVALID_CREDENTIALS. */
class ClaimsMapperProperties {
  static final List<String> KEYS = List.of("type", "agent", "customer", "exp", "expire", "id",
      "customer_id", "permission", "service", "x");

  @Property(tries = 5000)
  void anyClaimsGiveAPrincipalOrInvalidCredentials(@ForAll("claims") JsonObject claims) {
    try {
      Principal principal = ClaimsMapper.toPrincipal(claims, Instant.parse("2026-12-04T12:00:00Z"));
      assertThat(principal.expiresAt()).isAfter(Instant.parse("2026-12-04T12:00:00Z"));
    } catch (HeraldException e) {
      assertThat(e.reason()).isEqualTo(ErrorReason.INVALID_CREDENTIALS);
    }
  }

  @Provide
  Arbitrary<JsonObject> claims() {
    return object(3);
  }

  Arbitrary<JsonObject> object(int depth) {
    return Arbitraries.maps(Arbitraries.of(KEYS), value(depth)).ofMaxSize(6).map(map -> {
      JsonObject json = new JsonObject();
      map.forEach(json::put);
      return json;
    });
  }

  Arbitrary<Object> value(int depth) {
    Arbitrary<Object> leaves = Arbitraries.oneOf(
        Arbitraries.of("agent", "service", "", "2099-01-01T00:00:00Z", "2020-01-01T00:00:00Z",
            "5e4a0680-804e-11ec-8477-2fea5968d85b", "00000000-0000-0000-0000-000000000000",
            "{\"id\":\"5e4a0680-804e-11ec-8477-2fea5968d85b\"}", "{broken"),
        Arbitraries.strings().ofMaxLength(40).map(s -> (Object) s),
        Arbitraries.longs().map(l -> (Object) l),
        Arbitraries.integers().map(i -> (Object) i),
        Arbitraries.doubles().map(d -> (Object) d),
        Arbitraries.of(true, false).map(b -> (Object) b),
        Arbitraries.just(4_102_444_800L).map(l -> (Object) l));
    if (depth == 0) {
      return leaves;
    }
    return Arbitraries.oneOf(leaves, object(depth - 1).map(o -> (Object) o),
        leaves.list().ofMaxSize(3).map(list -> (Object) new JsonArray(list)));
  }
}
