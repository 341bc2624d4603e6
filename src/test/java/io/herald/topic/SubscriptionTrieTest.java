package io.herald.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SubscriptionTrieTest {
  static final String C = "customer_id:" + UUID.randomUUID();
  final SubscriptionTrie<String> trie = new SubscriptionTrie<>();

  static Topic t(String suffix) {
    return TopicParser.event(suffix.isEmpty() ? C : C + ":" + suffix);
  }

  List<String> matches(String suffix) {
    List<String> seen = new ArrayList<>();
    trie.forEachMatch(t(suffix), seen::add);
    return seen;
  }

  @Test
  void exactSubscriptionMatchesItsTopic() {
    trie.add(t("call:1"), "a");
    assertThat(matches("call:1")).containsExactly("a");
    assertThat(matches("call:2")).isEmpty();
  }

  @Test
  void prefixSubscriptionMatchesEveryTopicBelowIt() {
    trie.add(t("call"), "a");
    assertThat(matches("call")).containsExactly("a");
    assertThat(matches("call:1")).containsExactly("a");
    assertThat(matches("call:1:leg:2")).containsExactly("a");
    assertThat(matches("queue:1")).isEmpty();
  }

  @Test
  void prefixSubscriptionDoesNotMatchLongerSegment() {
    trie.add(t("conference"), "a");
    assertThat(matches("conferencecall:1")).isEmpty();
  }

  @Test
  void longerSubscriptionDoesNotMatchShorterTopic() {
    trie.add(t("call:1"), "a");
    assertThat(matches("call")).isEmpty();
  }

  @Test
  void subscriberWithSeveralMatchingSubscriptionsIsVisitedOncePerSubscription() {
    trie.add(t(""), "a");
    trie.add(t("call"), "a");
    trie.add(t("call:1"), "b");
    assertThat(matches("call:1")).containsExactlyInAnyOrder("a", "a", "b");
  }

  @Test
  void addingTwiceCountsOnce() {
    assertThat(trie.add(t("call"), "a")).isTrue();
    assertThat(trie.add(t("call"), "a")).isFalse();
    assertThat(trie.size()).isEqualTo(1);
  }

  @Test
  void removeStopsMatchingAndReportsAbsence() {
    trie.add(t("call"), "a");
    trie.add(t("call"), "b");
    assertThat(trie.remove(t("call"), "a")).isTrue();
    assertThat(trie.remove(t("call"), "a")).isFalse();
    assertThat(trie.remove(t("queue"), "a")).isFalse();
    assertThat(matches("call:1")).containsExactly("b");
    assertThat(trie.size()).isEqualTo(1);
  }

  @Test
  void removingEverythingLeavesAnEmptyTrie() {
    trie.add(t("call:1:leg"), "a");
    trie.add(t("call"), "b");
    trie.remove(t("call:1:leg"), "a");
    trie.remove(t("call"), "b");
    assertThat(trie.isEmpty()).isTrue();
    assertThat(matches("call:1:leg")).isEmpty();
    // Pruned nodes can be created again.
    trie.add(t("call:1:leg"), "c");
    assertThat(matches("call:1:leg")).containsExactly("c");
  }

  @Test
  void removalInTheMiddleKeepsTheOthers() {
    for (int i = 0; i < 100; i++) {
      trie.add(t("call"), "s" + i);
    }
    for (int i = 0; i < 100; i += 3) {
      trie.remove(t("call"), "s" + i);
    }
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      if (i % 3 != 0) {
        expected.add("s" + i);
      }
    }
    assertThat(matches("call:9")).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void otherTenantsTopicsNeverMatch() {
    trie.add(t(""), "a");
    List<String> seen = new ArrayList<>();
    trie.forEachMatch(TopicParser.event("customer_id:" + UUID.randomUUID() + ":call"), seen::add);
    assertThat(seen).isEmpty();
  }
}
