package io.herald.bench;

import io.herald.cluster.InterestTable;
import io.herald.cluster.InterestSnapshot;
import io.herald.protocol.ServerFrameEncoder;
import io.herald.protocol.TextFrame;
import io.herald.topic.SubscriptionTrie;
import io.herald.topic.Topic;
import io.herald.topic.TopicParser;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * JMH microbenchmarks of the hot paths: trie matching with 10^5 and 10^6 subscriptions, event
 * frame encoding, and the cluster routing lookup. Run with scripts/jmh.sh; not part of the tests.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HotPathBenchmarks {
  @Param({"100000", "1000000"})
  int subscriptions;

  SubscriptionTrie<Integer> trie;
  Topic[] events;
  int next;
  ServerFrameEncoder encoder;
  String data;
  InterestTable routes;

  @Setup
  public void setUp() {
    Random random = new Random(42);
    // 1,000 customers; each subscription is an agent scope, a customer prefix or an exact call.
    UUID[] customers = new UUID[1_000];
    for (int i = 0; i < customers.length; i++) {
      customers[i] = new UUID(random.nextLong(), random.nextLong());
    }
    trie = new SubscriptionTrie<>();
    for (int i = 0; i < subscriptions; i++) {
      UUID customer = customers[random.nextInt(customers.length)];
      String topic = switch (i % 3) {
        case 0 -> "agent_id:" + new UUID(random.nextLong(), random.nextLong());
        case 1 -> "customer_id:" + customer + ":call";
        default -> "customer_id:" + customer + ":call:" + random.nextInt(1_000);
      };
      trie.add(TopicParser.event(topic), i);
    }
    events = new Topic[1_024];
    for (int i = 0; i < events.length; i++) {
      events[i] = TopicParser.event("customer_id:" + customers[random.nextInt(customers.length)]
          + ":call:" + random.nextInt(1_000));
    }
    encoder = new ServerFrameEncoder();
    data = "{\"id\":\"" + UUID.randomUUID() + "\",\"status\":\"progressing\",\"pad\":\"" + "x".repeat(150) + "\"}";
    routes = new InterestTable();
    for (int node = 0; node < 100; node++) {
      Set<String> prefixes = new HashSet<>();
      for (int i = 0; i < subscriptions / 100; i++) {
        prefixes.add("customer_id:" + customers[random.nextInt(customers.length)] + ":call:" + random.nextInt(1_000));
      }
      routes.replace(new InterestSnapshot("node-" + node, 1, prefixes));
    }
  }

  @Benchmark
  public void trieMatch(Blackhole sink) {
    trie.forEachMatch(events[next++ & 1023], sink::consume);
  }

  @Benchmark
  public TextFrame encodeEventFrame() {
    return encoder.event("call_updated", events[next++ & 1023].value(), data);
  }

  @Benchmark
  public Set<String> routeLookup() {
    return routes.interestedNodes(List.of(events[next++ & 1023]));
  }
}
