package io.herald.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.cluster.Member;
import io.herald.stream.History;
import io.herald.stream.StreamEvent;
import io.herald.stream.StreamPosition;
import io.herald.stream.Unsequenced;
import io.herald.stream.Window;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real Hazelcast members on 127.0.0.1: one order per customer, kept across the loss of its owner. */
class CustomerSequencerTest {
  final List<HazelcastInstance> members = new ArrayList<>();
  final String cluster = "herald-sequencer-" + UUID.randomUUID();
  int firstPort;

  HazelcastInstance member() throws java.io.IOException {
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    Config config = new Config().setClusterName(cluster);
    config.setProperty("hazelcast.logging.type", "jdk");
    config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
    config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
    config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
    config.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(true)
        .addMember("127.0.0.1:" + (members.isEmpty() ? port : firstPort));
    if (members.isEmpty()) {
      firstPort = port;
    }
    HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
    members.add(member);
    return member;
  }

  @AfterEach
  void stop() {
    members.forEach(m -> m.getLifecycleService().terminate());
  }

  static final History.Limits LIMITS = new History.Limits(1000, 300_000);

  static CustomerSequencer sequencer(HazelcastInstance member) {
    return new CustomerSequencer(member, LIMITS);
  }

  static List<Unsequenced> events(int count) {
    List<Unsequenced> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(new Unsequenced(List.of("customer_id:" + UUID.randomUUID() + ":call"),
          List.of(("{\"type\":\"e\",\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8))));
    }
    return events;
  }

  /** Appends {@code count} events as one batch; the position of the first. */
  static StreamPosition append(CustomerSequencer sequencer, UUID customer, int count) throws Exception {
    StreamPosition last = sequencer.append(customer, UUID.randomUUID().toString(), events(count))
        .toCompletableFuture().get(30, TimeUnit.SECONDS);
    return new StreamPosition(last.epoch(), last.offset() - count + 1);
  }

  static Window read(CustomerSequencer sequencer, UUID customer, long after) throws Exception {
    return sequencer.read(customer, after).toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void publishersOnTwoMembersGetOneGaplessOrderForACustomer() throws Exception {
    CustomerSequencer one = sequencer(member());
    CustomerSequencer two = sequencer(member());
    UUID customer = UUID.randomUUID();
    Set<Long> offsets = new ConcurrentSkipListSet<>();
    Set<String> epochs = new ConcurrentSkipListSet<>();
    List<CompletableFuture<Void>> publishers = new ArrayList<>();
    for (CustomerSequencer sequencer : List.of(one, two)) {
      publishers.add(CompletableFuture.runAsync(() -> {
        for (int i = 0; i < 300; i++) {
          try {
            StreamPosition first = append(sequencer, customer, 2);
            epochs.add(first.epoch());
            assertThat(offsets.add(first.offset())).isTrue();
            assertThat(offsets.add(first.offset() + 1)).isTrue();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
      }));
    }
    CompletableFuture.allOf(publishers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

    assertThat(epochs).hasSize(1);
    assertThat(new TreeSet<>(offsets)).hasSize(1200).first().isEqualTo(1L);
    assertThat(((TreeSet<Long>) new TreeSet<>(offsets)).last()).isEqualTo(1200L);
    // The history holds the newest 1000, in order, read from the other member.
    Window window = read(two, customer, 0);
    assertThat(window.oldest()).isEqualTo(201);
    assertThat(window.events()).extracting(StreamEvent::offset)
        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(201, 1200).boxed().toList());
    // Another customer has a stream of its own.
    assertThat(append(one, UUID.randomUUID(), 1).offset()).isEqualTo(1L);
  }

  @Test
  void theMemberThatSequencesAnAppendHandsItOnInOrder() throws Exception {
    List<HazelcastInstance> two = List.of(member(), member());
    List<Long> routed = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (HazelcastInstance member : two) {
      sequencer(member).onSequenced((customer, events) -> events.forEach(e -> routed.add(e.offset())));
    }
    UUID customer = UUID.randomUUID();
    CustomerSequencer publisher = sequencer(two.get(1));
    for (int i = 0; i < 50; i++) {
      append(publisher, customer, 3);
    }
    assertThat(routed).containsExactlyElementsOf(
        java.util.stream.LongStream.rangeClosed(1, 150).boxed().toList());
  }

  @Test
  void waitingForAppendsAndReadsStartsNoThreads() throws Exception {
    // Surefire runs with a common pool of parallelism 1, as on a machine of two cores: there,
    // callbacks on Hazelcast's own futures would each start a thread.
    assertThat(java.util.concurrent.ForkJoinPool.getCommonPoolParallelism()).isEqualTo(1);
    List<HazelcastInstance> two = List.of(member(), member());
    CustomerSequencer sequencer = sequencer(two.get(1));
    List<UUID> customers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      customers.add(UUID.randomUUID());
      append(sequencer, customers.get(i), 1); // streams exist, pools have their threads
    }
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long before = threads.getTotalStartedThreadCount();
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1000);
    for (int i = 0; i < 500; i++) {
      UUID customer = customers.get(i % customers.size());
      sequencer.append(customer, UUID.randomUUID().toString(), events(1)).whenComplete((p, e) -> done.countDown());
      sequencer.read(customer, 0).whenComplete((w, e) -> done.countDown());
    }
    assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
    // Hazelcast may start a pool thread or two meanwhile; one per callback would be 1,000.
    assertThat(threads.getTotalStartedThreadCount() - before).isLessThan(20);
  }

  @Test
  void aReadStartsTheStreamSoThatItHasAPositionBeforeAnyEvent() throws Exception {
    CustomerSequencer sequencer = sequencer(member());
    UUID customer = UUID.randomUUID();
    Window empty = read(sequencer, customer, Long.MAX_VALUE);
    assertThat(empty.head().offset()).isZero();
    assertThat(append(sequencer, customer, 1)).isEqualTo(new StreamPosition(empty.epoch(), 1));
  }

  @Test
  void theStreamAndItsHistoryContinueUnderTheSameEpochWhenItsOwnerDies() throws Exception {
    List<HazelcastInstance> three = List.of(member(), member(), member());
    // Every partition has its backup in place (migrations done) before the stream starts, and
    // again before its owner dies: otherwise losing the owner mid-migration may legitimately
    // start a new epoch, which is the other test of the issue, not this one.
    await().atMost(Duration.ofSeconds(60)).until(() -> three.get(0).getPartitionService().isClusterSafe());
    UUID customer = UUID.randomUUID();
    StreamPosition before = append(sequencer(three.get(0)), customer, 100);
    await().atMost(Duration.ofSeconds(60)).until(() -> three.get(0).getPartitionService().isClusterSafe());

    Member owner = three.get(0).getPartitionService().getPartition(CustomerSequencer.key(customer)).getOwner();
    HazelcastInstance ownerMember = three.stream()
        .filter(m -> m.getCluster().getLocalMember().getUuid().equals(owner.getUuid())).findFirst().orElseThrow();
    ownerMember.getLifecycleService().terminate(); // abrupt: no graceful hand-over
    HazelcastInstance survivor = three.stream().filter(m -> m != ownerMember).findFirst().orElseThrow();

    CustomerSequencer next = sequencer(survivor);
    StreamPosition after = append(next, customer, 1);
    assertThat(after).isEqualTo(new StreamPosition(before.epoch(), before.offset() + 100));
    // The backup's history is the owner's, stamped frames included.
    Window window = read(next, customer, 0);
    assertThat(window.events()).hasSize(101);
    assertThat(new String(window.events().get(0).frames().get(0), StandardCharsets.UTF_8))
        .endsWith(",\"offset\":1,\"epoch\":\"" + before.epoch() + "\"}");
  }
}
