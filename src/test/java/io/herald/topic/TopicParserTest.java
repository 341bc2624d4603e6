package io.herald.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.protocol.ErrorReason;
import io.herald.protocol.HeraldException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicParserTest {
  static final UUID CUSTOMER = UUID.fromString("5e4a0680-804e-11ec-8477-2fea5968d85b");
  static final String C = CUSTOMER.toString();
  static final String AGENT = "7c7b3a5e-2a52-4d8a-9c63-0d7e3ad3f0a1";

  @Test
  void scopedTopicKeepsItsSegments() {
    Topic topic = TopicParser.subscription("customer_id:" + C + ":call:abc", CUSTOMER);
    assertThat(topic.value()).isEqualTo("customer_id:" + C + ":call:abc");
    assertThat(topic.segments()).containsExactly("customer_id", C, "call", "abc");
    assertThat(topic.scope()).isEqualTo(new Scope(ScopeKind.CUSTOMER, CUSTOMER));
  }

  @Test
  void scopeAloneIsAValidPrefix() {
    assertThat(TopicParser.subscription("agent_id:" + AGENT, CUSTOMER).scope())
        .isEqualTo(new Scope(ScopeKind.AGENT, UUID.fromString(AGENT)));
  }

  @Test
  void unscopedTopicResolvesUnderTheTokensCustomer() {
    assertThat(TopicParser.subscription("activeflow:42", CUSTOMER).value())
        .isEqualTo("customer_id:" + C + ":activeflow:42");
    assertThat(TopicParser.subscription("call", CUSTOMER).value())
        .isEqualTo("customer_id:" + C + ":call");
  }

  @Test
  void trailingWildcardIsTheSamePrefix() {
    assertThat(TopicParser.subscription("customer_id:" + C + ":call:*", CUSTOMER))
        .isEqualTo(TopicParser.subscription("customer_id:" + C + ":call", CUSTOMER));
    assertThat(TopicParser.subscription("call:*", CUSTOMER).value())
        .isEqualTo("customer_id:" + C + ":call");
    assertThat(TopicParser.subscription("customer_id:" + C + ":*", CUSTOMER).value())
        .isEqualTo("customer_id:" + C);
  }

  @Test
  void uuidIsCanonicalisedToLowerCase() {
    Topic topic = TopicParser.event("customer_id:" + C.toUpperCase() + ":call:X");
    assertThat(topic.value()).isEqualTo("customer_id:" + C + ":call:X");
  }

  @Test
  void resourceSegmentsKeepTheirCase() {
    assertThat(TopicParser.event("agent_id:" + AGENT + ":Call:AbC").segments())
        .endsWith("Call", "AbC");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      ":",
      "call:",
      ":call",
      "call::x",
      "call:a b",
      "call:é",
      "call:x/y",
      "*",
      "call:*:x",
      "call:**",
      "customer_id",
      "customer_id:not-a-uuid:call",
      "customer_id:5e4a0680804e11ec84772fea5968d85b",
      "customer_id:5e4a0680-804e-11ec-8477-2fea5968d85",
      "customer_id:1-1-1-1-1",
      "customer_id:00000000-0000-0000-0000-000000000000",
      "agent_id:5e4a0680-804e-11ec-8477-2fea5968d85g",
      "a:b:c:d:e:f:g",
      "customer_id:5e4a0680-804e-11ec-8477-2fea5968d85b:a:b:c:d:e:f:g"
  })
  void malformedSubscriptionsAreInvalidTopics(String raw) {
    assertThatThrownBy(() -> TopicParser.subscription(raw, CUSTOMER))
        .isInstanceOfSatisfying(HeraldException.class,
            e -> assertThat(e.reason()).isEqualTo(ErrorReason.INVALID_TOPIC));
  }

  @Test
  void eightSegmentsIsTheMaximum() {
    String eight = "customer_id:" + C + ":a:b:c:d:e:f";
    assertThat(TopicParser.subscription(eight, CUSTOMER).size()).isEqualTo(8);
    assertThat(TopicParser.subscription("a:b:c:d:e:f", CUSTOMER).size()).isEqualTo(8);
  }

  @Test
  void lengthLimitAppliesToTheCanonicalForm() {
    String prefix = "customer_id:" + C + ":";
    String exactly256 = prefix + "x".repeat(256 - prefix.length());
    assertThat(TopicParser.event(exactly256).value()).hasSize(256);
    assertThatThrownBy(() -> TopicParser.event(exactly256 + "x"))
        .isInstanceOf(HeraldException.class);
    // Short enough as sent, too long once placed under the customer.
    String unscoped = "x".repeat(256 - 10);
    assertThatThrownBy(() -> TopicParser.subscription(unscoped, CUSTOMER))
        .isInstanceOf(HeraldException.class);
  }

  @Test
  void hugeInputIsRefusedWithoutWork() {
    assertThatThrownBy(() -> TopicParser.subscription("a".repeat(1_000_000), CUSTOMER))
        .isInstanceOf(HeraldException.class);
  }

  @Test
  void nullIsInvalid() {
    assertThatThrownBy(() -> TopicParser.subscription(null, CUSTOMER))
        .isInstanceOf(HeraldException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"call:1", "activeflow:x", "customer_id:5e4a0680-804e-11ec-8477-2fea5968d85b:call:*"})
  void eventTopicsMustBeScopedAndConcrete(String raw) {
    assertThatThrownBy(() -> TopicParser.event(raw)).isInstanceOf(HeraldException.class);
  }

  @Test
  void unscopedSubscriptionWithoutCustomerIsInvalid() {
    assertThatThrownBy(() -> TopicParser.subscription("call", null))
        .isInstanceOf(HeraldException.class);
  }

  @Test
  void prefixMatchingIsByWholeSegments() {
    Topic conference = TopicParser.event("customer_id:" + C + ":conference");
    Topic conferenceCall = TopicParser.event("customer_id:" + C + ":conferencecall:1");
    Topic conferenceOne = TopicParser.event("customer_id:" + C + ":conference:1");
    assertThat(conference.isPrefixOf(conferenceCall)).isFalse();
    assertThat(conference.isPrefixOf(conferenceOne)).isTrue();
    assertThat(conference.isPrefixOf(conference)).isTrue();
    assertThat(conferenceOne.isPrefixOf(conference)).isFalse();
  }
}
