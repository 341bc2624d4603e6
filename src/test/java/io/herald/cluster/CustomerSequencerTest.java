package io.herald.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.cluster.Member;
import io.herald.stream.StreamPosition;
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

  static StreamPosition reserve(CustomerSequencer sequencer, UUID customer, int count) throws Exception {
    return sequencer.reserve(customer, count).toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void publishersOnTwoMembersGetOneGaplessOrderForACustomer() throws Exception {
    CustomerSequencer one = new CustomerSequencer(member());
    CustomerSequencer two = new CustomerSequencer(member());
    UUID customer = UUID.randomUUID();
    Set<Long> offsets = new ConcurrentSkipListSet<>();
    Set<String> epochs = new ConcurrentSkipListSet<>();
    List<CompletableFuture<Void>> publishers = new ArrayList<>();
    for (CustomerSequencer sequencer : List.of(one, two)) {
      publishers.add(CompletableFuture.runAsync(() -> {
        for (int i = 0; i < 300; i++) {
          StreamPosition first = sequencer.reserve(customer, 2).toCompletableFuture().join();
          epochs.add(first.epoch());
          assertThat(offsets.add(first.offset())).isTrue();
          assertThat(offsets.add(first.offset() + 1)).isTrue();
        }
      }));
    }
    CompletableFuture.allOf(publishers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

    assertThat(epochs).hasSize(1);
    assertThat(new TreeSet<>(offsets)).hasSize(1200).first().isEqualTo(1L);
    assertThat(((TreeSet<Long>) new TreeSet<>(offsets)).last()).isEqualTo(1200L);
    // Another customer has a stream of its own.
    assertThat(reserve(one, UUID.randomUUID(), 1).offset()).isEqualTo(1L);
  }

  @Test
  void theStreamContinuesUnderTheSameEpochWhenItsOwnerDies() throws Exception {
    List<HazelcastInstance> three = List.of(member(), member(), member());
    // Every partition has its backup in place (migrations done) before the stream starts, and
    // again before its owner dies: otherwise losing the owner mid-migration may legitimately
    // start a new epoch, which is the other test of the issue, not this one.
    await().atMost(Duration.ofSeconds(60)).until(() -> three.get(0).getPartitionService().isClusterSafe());
    UUID customer = UUID.randomUUID();
    StreamPosition before = reserve(new CustomerSequencer(three.get(0)), customer, 100);
    await().atMost(Duration.ofSeconds(60)).until(() -> three.get(0).getPartitionService().isClusterSafe());

    Member owner = three.get(0).getPartitionService().getPartition(CustomerSequencer.key(customer)).getOwner();
    HazelcastInstance ownerMember = three.stream()
        .filter(m -> m.getCluster().getLocalMember().getUuid().equals(owner.getUuid())).findFirst().orElseThrow();
    ownerMember.getLifecycleService().terminate(); // abrupt: no graceful hand-over
    HazelcastInstance survivor = three.stream().filter(m -> m != ownerMember).findFirst().orElseThrow();

    StreamPosition after = reserve(new CustomerSequencer(survivor), customer, 1);
    assertThat(after).isEqualTo(new StreamPosition(before.epoch(), before.offset() + 100));
  }
}
