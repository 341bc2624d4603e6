package io.herald.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The trie agrees with the obvious model: a set of (topic, subscriber) pairs and isPrefixOf. */
class SubscriptionTrieProperties {
  static final String SCOPE = "customer_id:5e4a0680-804e-11ec-8477-2fea5968d85b";

  record Op(boolean add, Topic topic, int subscriber) {}

  record Pair(Topic topic, int subscriber) {}

  @Property(tries = 500)
  void matchesAgreeWithTheModel(@ForAll("ops") List<Op> ops, @ForAll("topics") List<Topic> events) {
    SubscriptionTrie<Integer> trie = new SubscriptionTrie<>();
    Set<Pair> model = new HashSet<>();
    for (Op op : ops) {
      Pair pair = new Pair(op.topic(), op.subscriber());
      if (op.add()) {
        assertThat(trie.add(op.topic(), op.subscriber())).isEqualTo(model.add(pair));
      } else {
        assertThat(trie.remove(op.topic(), op.subscriber())).isEqualTo(model.remove(pair));
      }
      assertThat(trie.size()).isEqualTo(model.size());
    }
    for (Topic event : events) {
      List<Integer> seen = new ArrayList<>();
      trie.forEachMatch(event, seen::add);
      List<Integer> expected = new ArrayList<>();
      for (Pair pair : model) {
        if (pair.topic().isPrefixOf(event)) {
          expected.add(pair.subscriber());
        }
      }
      assertThat(seen).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Provide
  Arbitrary<List<Topic>> topics() {
    return topic().list().ofMaxSize(10);
  }

  @Provide
  Arbitrary<List<Op>> ops() {
    return Combinators.combine(Arbitraries.of(true, true, false), topic(), Arbitraries.integers().between(0, 4))
        .as(Op::new)
        .list()
        .ofMaxSize(60);
  }

  /** Small alphabet and depth, so that prefixes and collisions are common. */
  Arbitrary<Topic> topic() {
    return Arbitraries.of("a", "b", "ab")
        .list()
        .ofMaxSize(4)
        .map(rest -> TopicParser.event(rest.isEmpty() ? SCOPE : SCOPE + ":" + String.join(":", rest)));
  }
}
