package io.herald.cluster;

import java.util.Set;

/**
 * Who is in the cluster, by Vert.x node id. A seam: Hazelcast in production, an in-memory hub
 * in simulations. Listener callbacks may arrive on any thread.
 */
public interface Membership {
  String self();

  /** The current members other than this node. */
  Set<String> peers();

  void listen(Listener listener);

  interface Listener {
    void joined(String node);

    void left(String node);
  }
}
