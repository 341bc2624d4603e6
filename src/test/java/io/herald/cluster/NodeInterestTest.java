package io.herald.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.config.ClusterSettings.InterestGranularity;
import io.herald.topic.TopicParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeInterestTest {
  static final String P = "customer_id:5e4a0680-804e-11ec-8477-2fea5968d85b:call";
  static final String Q = "customer_id:5e4a0680-804e-11ec-8477-2fea5968d85b:queue";
  final NodeInterest interest = new NodeInterest("me");

  @Test
  void onlyTheFirstHolderAndTheLastReleaseBecomeDeltas() {
    assertThat(interest.acquire(P)).isEqualTo(new InterestDelta("me", 1, true, P));
    assertThat(interest.acquire(P)).isNull();
    assertThat(interest.release(P)).isFalse();
    assertThat(interest.release(P)).isTrue();
    assertThat(interest.expire(P)).isEqualTo(new InterestDelta("me", 2, false, P));
    assertThat(interest.size()).isZero();
    assertThat(interest.release(P)).isFalse();
  }

  @Test
  void retakenDuringTheGracePeriodNothingIsWithdrawn() {
    interest.acquire(P);
    assertThat(interest.release(P)).isTrue();
    assertThat(interest.acquire(P)).isNull();
    assertThat(interest.expire(P)).isNull();
    assertThat(interest.snapshot()).isEqualTo(new InterestSnapshot("me", 1, Set.of(P)));
  }

  @Test
  void waitersRunOnceEveryPrefixIsConfirmed() {
    InterestDelta p = interest.acquire(P);
    InterestDelta q = interest.acquire(Q);
    List<String> ran = new ArrayList<>();
    interest.whenLive(List.of(P, Q), () -> ran.add("both"));
    interest.confirmed(p);
    assertThat(ran).isEmpty();
    interest.confirmed(q);
    assertThat(ran).containsExactly("both");
    interest.whenLive(List.of(P), () -> ran.add("already"));
    assertThat(ran).containsExactly("both", "already");
  }

  @Test
  void confirmationOfAnOlderAddDoesNotCountForANewerOne() {
    InterestDelta first = interest.acquire(P);
    interest.release(P);
    interest.expire(P);
    interest.acquire(P);
    List<String> ran = new ArrayList<>();
    interest.whenLive(List.of(P), () -> ran.add("live"));
    interest.confirmed(first);
    assertThat(ran).isEmpty();
  }

  @Test
  void withdrawnPrefixReleasesItsWaiters() {
    interest.acquire(P);
    List<String> ran = new ArrayList<>();
    interest.whenLive(List.of(P), () -> ran.add("released"));
    interest.release(P);
    interest.expire(P);
    assertThat(ran).containsExactly("released");
  }

  @Test
  void policyAdvertisesScopeOrExactPrefix() {
    var topic = TopicParser.event(P + ":1");
    assertThat(new InterestPolicy(InterestGranularity.SCOPE).advertised(topic).value())
        .isEqualTo("customer_id:5e4a0680-804e-11ec-8477-2fea5968d85b");
    assertThat(new InterestPolicy(InterestGranularity.EXACT).advertised(topic)).isEqualTo(topic);
  }
}
