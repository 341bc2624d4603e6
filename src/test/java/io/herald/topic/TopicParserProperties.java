package io.herald.topic;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.protocol.ErrorReason;
import io.herald.protocol.HeraldException;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class TopicParserProperties {
  static final UUID CUSTOMER = UUID.fromString("5e4a0680-804e-11ec-8477-2fea5968d85b");

  @Property(tries = 3000)
  void anyStringIsATopicOrAnInvalidTopic(@ForAll String raw) {
    try {
      Topic topic = TopicParser.subscription(raw, CUSTOMER);
      assertThat(topic.value()).hasSizeLessThanOrEqualTo(TopicParser.MAX_LENGTH);
      assertThat(topic.size()).isBetween(2, TopicParser.MAX_SEGMENTS);
    } catch (HeraldException e) {
      assertThat(e.reason()).isEqualTo(ErrorReason.INVALID_TOPIC);
    }
  }

  @Property(tries = 2000)
  void canonicalFormParsesToItself(@ForAll("topicLike") String raw) {
    Topic topic;
    try {
      topic = TopicParser.subscription(raw, CUSTOMER);
    } catch (HeraldException e) {
      return;
    }
    assertThat(TopicParser.subscription(topic.value(), null)).isEqualTo(topic);
    assertThat(TopicParser.event(topic.value())).isEqualTo(topic);
    assertThat(String.join(":", topic.segments())).isEqualTo(topic.value());
  }

  @Provide
  Arbitrary<String> topicLike() {
    Arbitrary<String> segment = Arbitraries.strings().withChars("aZ09_.-*:").ofMinLength(0).ofMaxLength(6);
    Arbitrary<String> scope = Arbitraries.of(
        "customer_id:" + CUSTOMER, "agent_id:" + UUID.randomUUID(), "customer_id:"
            + CUSTOMER.toString().toUpperCase(), "", "customer_id");
    return Combinators.combine(scope, segment.list().ofMaxSize(9))
        .as((s, rest) -> rest.isEmpty() ? s : (s.isEmpty() ? "" : s + ":") + String.join(":", rest));
  }
}
