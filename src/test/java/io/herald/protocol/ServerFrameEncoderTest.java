package io.herald.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.stream.PositionStamp;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerFrameEncoderTest {
  final ServerFrameEncoder encoder = new ServerFrameEncoder();

  static JsonObject json(TextFrame frame) {
    return new JsonObject(frame.toString());
  }

  /** What the history does to an encoded event frame. */
  static TextFrame stamped(TextFrame event, long offset, String epoch) {
    return TextFrame.ofEncoded(PositionStamp.onto(event.utf8(), offset, epoch));
  }

  @Test
  void aStreamPositionIsAppendedToAnEncodedEventWithoutTouchingTheRest() {
    TextFrame event = encoder.event("call_updated", "customer_id:c:call:1", "{\"s\":\"ringing\"}");
    TextFrame stamped = stamped(event, 1234, "0f8e7c2a-1b2c-4d5e-8f90-123456789abc");

    assertThat(json(stamped)).isEqualTo(json(event).copy().put("offset", 1234)
        .put("epoch", "0f8e7c2a-1b2c-4d5e-8f90-123456789abc"));
    assertThat(stamped.toString()).startsWith(event.toString().substring(0, event.length() - 1));
    assertThat(stamped(event, 0, "e").toString()).endsWith(",\"offset\":0,\"epoch\":\"e\"}");
  }

  @Test
  void aPositionThatWouldNeedEscapingIsRefused() {
    TextFrame event = encoder.event("t", "customer_id:c:call:1", "{}");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> stamped(event, 1, "a\"b"))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> stamped(event, -1, "e"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ackCarriesIdAndTopics() {
    assertThat(json(encoder.ack(true, "r1", List.of("a", "b"))))
        .isEqualTo(new JsonObject("{\"type\":\"subscribed\",\"id\":\"r1\",\"topics\":[\"a\",\"b\"]}"));
    assertThat(json(encoder.ack(false, null, List.of("a"))))
        .isEqualTo(new JsonObject("{\"type\":\"unsubscribed\",\"topics\":[\"a\"]}"));
  }

  @Test
  void errorCarriesReasonCode() {
    JsonObject error = json(encoder.error("r2", ErrorReason.INVALID_TOPIC, "bad", List.of("x")));
    assertThat(error.getString("type")).isEqualTo("error");
    assertThat(error.getString("id")).isEqualTo("r2");
    assertThat(error.getString("reason")).isEqualTo("INVALID_TOPIC");
    assertThat(error.getJsonArray("topics").getList()).containsExactly("x");
  }

  @Test
  void errorWithoutTopicsOmitsThem() {
    assertThat(json(encoder.error(null, ErrorReason.BAD_REQUEST, "m", List.of())).containsKey("topics"))
        .isFalse();
  }

  @Test
  void eventEmbedsDataAsIsAndEscapesStrings() {
    JsonObject event = json(encoder.event("call_\"updated\"", "t", "{\"n\":[1,2],\"s\":\"\\u00e9\"}"));
    assertThat(event.getString("type")).isEqualTo("call_\"updated\"");
    assertThat(event.getString("topic")).isEqualTo("t");
    assertThat(event.getJsonObject("data"))
        .isEqualTo(new JsonObject().put("n", new io.vertx.core.json.JsonArray().add(1).add(2)).put("s", "é"));
  }

  @Test
  void httpErrorEnvelope() {
    assertThat(json(encoder.httpError(ErrorReason.AUTHENTICATION_REQUIRED, "m")))
        .isEqualTo(new JsonObject(
            "{\"error\":{\"status\":\"UNAUTHENTICATED\",\"reason\":\"AUTHENTICATION_REQUIRED\",\"message\":\"m\"}}"));
  }

  @Test
  void everyReasonHasAnHttpStatusAndStatusName() {
    for (ErrorReason reason : ErrorReason.values()) {
      assertThat(reason.httpStatus()).isBetween(400, 599);
      assertThat(reason.status()).matches("[A-Z_]+");
    }
  }
}
