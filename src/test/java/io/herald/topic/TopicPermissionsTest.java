package io.herald.topic;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.auth.Principal;
import io.herald.auth.Principal.Kind;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TopicPermissionsTest {
  static final UUID CUSTOMER = UUID.randomUUID();
  static final UUID OTHER_CUSTOMER = UUID.randomUUID();
  static final UUID AGENT = UUID.randomUUID();
  static final UUID OTHER_AGENT = UUID.randomUUID();
  static final Instant LATER = Instant.now().plusSeconds(3600);

  static Principal agent(int permission) {
    return new Principal(Kind.AGENT, CUSTOMER, AGENT, permission, LATER);
  }

  static boolean mayRead(Principal p, String topic) {
    return TopicPermissions.mayRead(p, TopicParser.event(topic));
  }

  @Test
  void customerAdminAndManagerReadTheirCustomerOnly() {
    for (int bit : new int[] {Principal.CUSTOMER_ADMIN, Principal.CUSTOMER_MANAGER}) {
      assertThat(mayRead(agent(bit), "customer_id:" + CUSTOMER + ":call")).isTrue();
      assertThat(mayRead(agent(bit), "customer_id:" + CUSTOMER)).isTrue();
      assertThat(mayRead(agent(bit), "customer_id:" + OTHER_CUSTOMER + ":call")).isFalse();
    }
  }

  @Test
  void plainAgentReadsOnlyItsOwnAgentTopics() {
    Principal plain = agent(Principal.AGENT);
    assertThat(mayRead(plain, "customer_id:" + CUSTOMER + ":call")).isFalse();
    assertThat(mayRead(plain, "agent_id:" + AGENT + ":call:1")).isTrue();
    assertThat(mayRead(plain, "agent_id:" + OTHER_AGENT + ":call:1")).isFalse();
  }

  @Test
  void customerAdminCannotReadAnotherAgentsTopics() {
    assertThat(mayRead(agent(Principal.CUSTOMER_ADMIN), "agent_id:" + OTHER_AGENT)).isFalse();
  }

  @Test
  void superAdminReadsEverything() {
    Principal root = agent(Principal.SUPER_ADMIN);
    assertThat(mayRead(root, "customer_id:" + OTHER_CUSTOMER + ":call")).isTrue();
    assertThat(mayRead(root, "agent_id:" + OTHER_AGENT)).isTrue();
  }

  @Test
  void legacyCustomerTokenIsAdminOfItsCustomer() {
    Principal legacy = new Principal(Kind.CUSTOMER, CUSTOMER, null, Principal.CUSTOMER_ADMIN, LATER);
    assertThat(mayRead(legacy, "customer_id:" + CUSTOMER + ":queue:1")).isTrue();
    assertThat(mayRead(legacy, "customer_id:" + OTHER_CUSTOMER)).isFalse();
    assertThat(mayRead(legacy, "agent_id:" + AGENT)).isFalse();
  }

  @Test
  void serviceTokensReadNothingEvenWithBits() {
    Principal service = new Principal(Kind.SERVICE, CUSTOMER, null, Principal.SUPER_ADMIN, LATER);
    assertThat(mayRead(service, "customer_id:" + CUSTOMER)).isFalse();
  }

  @Test
  void noBitsNoCustomerTopics() {
    assertThat(mayRead(agent(0), "customer_id:" + CUSTOMER)).isFalse();
  }
}
