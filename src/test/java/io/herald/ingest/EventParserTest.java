package io.herald.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.protocol.ErrorReason;
import io.herald.protocol.HeraldException;
import io.herald.topic.Topic;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventParserTest {
  static final String C = "customer_id:" + UUID.randomUUID();
  final EventParser parser = new EventParser(3);

  static JsonObject event() {
    return new JsonObject().put("type", "call_updated").put("topics", new JsonArray().add(C + ":call:1"))
        .put("data", new JsonObject().put("id", 1));
  }

  static void assertRefused(Object body, ErrorReason reason) {
    assertThatThrownBy(() -> new EventParser(3).parse(body))
        .isInstanceOfSatisfying(HeraldException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  @Test
  void singleEvent() {
    Event event = parser.parse(event()).get(0);
    assertThat(event.type()).isEqualTo("call_updated");
    assertThat(event.topics()).extracting(Topic::value).containsExactly(C + ":call:1");
    assertThat(new JsonObject(event.dataJson())).isEqualTo(new JsonObject().put("id", 1));
  }

  @Test
  void arrayKeepsOrderAndSingleTopicFormWorks() {
    JsonObject second = new JsonObject().put("type", "b").put("topic", C.toUpperCase().replace("CUSTOMER_ID", "customer_id"));
    assertThat(parser.parse(new JsonArray().add(event()).add(second)))
        .extracting(Event::type).containsExactly("call_updated", "b");
    assertThat(parser.parse(second).get(0).topics().get(0).value()).isEqualTo(C);
  }

  @Test
  void duplicateTopicsCollapse() {
    JsonObject e = event().put("topics", new JsonArray().add(C + ":x").add(C + ":x").add(C));
    assertThat(parser.parse(e).get(0).topics()).extracting(Topic::value).containsExactly(C + ":x", C);
  }

  @Test
  void missingDataIsNull() {
    JsonObject e = event();
    e.remove("data");
    assertThat(parser.parse(e).get(0).dataJson()).isEqualTo("null");
  }

  @Test
  void emptyArrayAcceptsNothing() {
    assertThat(parser.parse(new JsonArray())).isEmpty();
  }

  @Test
  void invalidTopicIsInvalidTopic() {
    assertRefused(event().put("topics", new JsonArray().add("call:1")), ErrorReason.INVALID_TOPIC);
    assertRefused(event().put("topics", new JsonArray().add(C + ":call:*")), ErrorReason.INVALID_TOPIC);
  }

  @ParameterizedTest
  @ValueSource(strings = {"subscribed", "unsubscribed", "error"})
  void reservedTypesAreRefused(String type) {
    assertRefused(event().put("type", type), ErrorReason.BAD_REQUEST);
  }

  @Test
  void shapeErrorsAreBadRequests() {
    assertRefused("text", ErrorReason.BAD_REQUEST);
    assertRefused(42, ErrorReason.BAD_REQUEST);
    assertRefused(new JsonArray().add(1), ErrorReason.BAD_REQUEST);
    assertRefused(new JsonArray().add(event()).add(event()).add(event()).add(event()), ErrorReason.BAD_REQUEST);
    JsonObject noType = event();
    noType.remove("type");
    assertRefused(noType, ErrorReason.BAD_REQUEST);
    assertRefused(event().put("type", ""), ErrorReason.BAD_REQUEST);
    assertRefused(event().put("type", 5), ErrorReason.BAD_REQUEST);
    assertRefused(event().put("type", "x".repeat(129)), ErrorReason.BAD_REQUEST);
    assertRefused(event().put("topic", C), ErrorReason.BAD_REQUEST);
    assertRefused(event().put("topics", new JsonArray()), ErrorReason.BAD_REQUEST);
    assertRefused(event().put("topics", C), ErrorReason.BAD_REQUEST);
    assertRefused(event().put("topics", new JsonArray().add(7)), ErrorReason.BAD_REQUEST);
    JsonArray many = new JsonArray();
    for (int i = 0; i <= EventParser.MAX_TOPICS_PER_EVENT; i++) {
      many.add(C + ":t" + i);
    }
    assertRefused(event().put("topics", many), ErrorReason.BAD_REQUEST);
  }

  @Test
  void oneBadEventRefusesTheWholeRequestAndSaysWhich() {
    JsonArray body = new JsonArray().add(event()).add(event().put("type", 1));
    assertThatThrownBy(() -> parser.parse(body)).hasMessageContaining("event 1");
  }
}
