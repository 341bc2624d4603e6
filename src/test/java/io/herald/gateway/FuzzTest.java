package io.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.protocol.ErrorReason;
import io.herald.testing.PlainHttp;
import io.herald.testing.TestClient;
import io.herald.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Thousands of random and mutated frames and publish bodies at a running node (seeded, so a
 * failure can be replayed), then a well-behaved client must still be served correctly.
 */
class FuzzTest {
  static final long SEED = 20261204L;
  static final Set<String> REASONS =
      Arrays.stream(ErrorReason.values()).map(Enum::name).collect(Collectors.toSet());

  TestNode node;

  @AfterEach
  void stop() {
    node.close();
  }

  static final List<String> SEEDS = List.of(
      "{\"type\":\"subscribe\",\"id\":\"r1\",\"topics\":[\"call\",\"customer_id:%s:queue:*\"]}",
      "{\"type\":\"unsubscribe\",\"topics\":[\"call\"]}",
      "{\"type\":\"call_updated\",\"topics\":[\"customer_id:%s:call:1\"],\"data\":{\"a\":[1,2,{\"b\":null}]}}",
      "[{\"type\":\"x\",\"topic\":\"agent_id:%s\"},{\"type\":\"y\",\"topic\":\"customer_id:%s\"}]");

  static final String PUNCTUATION = "{}[]\",:\\0-9aZ*";

  static String mutate(Random random, String text) {
    StringBuilder out = new StringBuilder(text);
    int edits = 1 + random.nextInt(6);
    for (int e = 0; e < edits && out.length() > 0; e++) {
      int at = random.nextInt(out.length());
      switch (random.nextInt(5)) {
        case 0 -> out.deleteCharAt(at);
        case 1 -> out.insert(at, (char) random.nextInt(0x3000));
        case 2 -> out.setCharAt(at, PUNCTUATION.charAt(random.nextInt(PUNCTUATION.length())));
        case 3 -> out.insert(at, out.substring(at, Math.min(out.length(), at + random.nextInt(40))));
        default -> out.replace(at, Math.min(out.length(), at + 5), "\"" + "ü".repeat(random.nextInt(4)));
      }
    }
    return out.toString();
  }

  static String randomText(Random random) {
    char[] chars = new char[random.nextInt(200)];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = (char) random.nextInt(random.nextBoolean() ? 128 : 0xD7FF);
    }
    return new String(chars);
  }

  String input(Random random) {
    if (random.nextInt(5) == 0) {
      return randomText(random);
    }
    String seed = SEEDS.get(random.nextInt(SEEDS.size()));
    return mutate(random, seed.formatted(node.customer, node.customer));
  }

  @Test
  void hostileInputLeavesTheNodeServingEveryoneElse() {
    node = TestNode.start(config -> config.put("HERALD_CONTROL_RATE", 100_000).put("HERALD_CONTROL_BURST", 100_000));
    Random random = new Random(SEED);
    TestClient bystander = node.subscriber("call");

    List<TestClient> attackers = new ArrayList<>();
    for (int c = 0; c < 10; c++) {
      TestClient attacker = node.connect(node.adminToken());
      attackers.add(attacker);
      for (int f = 0; f < 300; f++) {
        attacker.send(input(random));
      }
    }
    PlainHttp http = new PlainHttp();
    String service = node.serviceToken();
    for (int r = 0; r < 1000; r++) {
      PlainHttp.Response response = http.post(node.port(), "/v1.0/events", service, input(random));
      assertThat(response.status()).as("publish answer").isIn(202, 400);
      if (response.status() == 400) {
        assertThat(REASONS).contains(response.reason());
      }
    }
    for (TestClient attacker : attackers) {
      // Still open and answering, and every error it got carries a known reason.
      attacker.subscribe("done", "call");
      assertThat(attacker.isClosed()).isFalse();
      attacker.received().stream().filter(f -> "error".equals(f.getString("type")))
          .forEach(error -> assertThat(REASONS).contains(error.getString("reason")));
    }

    String id = UUID.randomUUID().toString();
    node.publish(new JsonObject().put("type", "after_fuzz").put("topic", node.customerTopic("call:9"))
        .put("data", id));
    bystander.awaitFrame(f -> id.equals(f.getString("data")));
    TestClient newcomer = node.subscriber("queue");
    node.publish(new JsonObject().put("type", "welcome").put("topic", node.customerTopic("queue:1")));
    newcomer.awaitFrame(f -> "welcome".equals(f.getString("type")));
  }
}
