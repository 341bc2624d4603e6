package io.herald.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Matching allocates nothing per match: the cost of a fan-out must not grow the heap. */
class SubscriptionTrieAllocationTest {
  static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  long count;

  @Test
  void matchingTenThousandSubscribersAllocatesNothingPerMatch() {
    String scope = "customer_id:" + UUID.randomUUID();
    SubscriptionTrie<Integer> trie = new SubscriptionTrie<>();
    for (int i = 0; i < 10_000; i++) {
      trie.add(TopicParser.event(scope + ":call"), i);
      trie.add(TopicParser.event(scope + ":call:" + i), i);
    }
    Topic event = TopicParser.event(scope + ":call:42");
    java.util.function.Consumer<Integer> visitor = s -> count++;
    trie.forEachMatch(event, visitor); // warm up class loading

    long thread = Thread.currentThread().getId();
    long before = THREADS.getThreadAllocatedBytes(thread);
    for (int round = 0; round < 100; round++) {
      trie.forEachMatch(event, visitor);
    }
    long allocated = THREADS.getThreadAllocatedBytes(thread) - before;

    assertThat(count).isEqualTo(101 * 10_001L);
    // 1,000,100 matches; a single object per match would be over 16 MB.
    assertThat(allocated).isLessThan(64 * 1024);
  }
}
