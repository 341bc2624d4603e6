package io.herald.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import java.util.HashSet;
import java.util.Set;

/**
 * {@link Membership} read from Hazelcast. Uses a Hazelcast listener of its own: Vert.x's
 * {@code ClusterManager.nodeListener} has a single slot, which Vert.x itself needs for HA.
 */
public final class HazelcastMembership implements Membership {
  /** The member attribute in which Vert.x keeps its node id. */
  static final String NODE_ID_ATTRIBUTE = "__vertx.nodeId";

  private final HazelcastInstance hazelcast;
  private final String self;

  public HazelcastMembership(HazelcastInstance hazelcast, String self) {
    this.hazelcast = hazelcast;
    this.self = self;
  }

  @Override
  public String self() {
    return self;
  }

  @Override
  public Set<String> peers() {
    Set<String> peers = new HashSet<>();
    for (Member member : hazelcast.getCluster().getMembers()) {
      String node = member.getAttribute(NODE_ID_ATTRIBUTE);
      if (node != null && !node.equals(self)) {
        peers.add(node);
      }
    }
    return peers;
  }

  @Override
  public void listen(Listener listener) {
    hazelcast.getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {
        String node = event.getMember().getAttribute(NODE_ID_ATTRIBUTE);
        if (node != null && !node.equals(self)) {
          listener.joined(node);
        }
      }

      @Override
      public void memberRemoved(MembershipEvent event) {
        String node = event.getMember().getAttribute(NODE_ID_ATTRIBUTE);
        if (node != null && !node.equals(self)) {
          listener.left(node);
        }
      }
    });
  }
}
