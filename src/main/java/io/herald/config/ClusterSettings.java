package io.herald.config;

import java.util.List;

/**
 * How a node joins a cluster.
 *
 * @param enabled HERALD_CLUSTER, false: a single node
 * @param host HERALD_CLUSTER_HOST, the address Hazelcast and the event bus bind and advertise
 * @param port HERALD_CLUSTER_PORT, Hazelcast's port
 * @param members HERALD_CLUSTER_MEMBERS, {@code host:port} seeds for TCP-IP join; empty: this
 *     node starts a cluster
 * @param name HERALD_CLUSTER_NAME, nodes join only a cluster of the same name
 * @param configFile HERALD_CLUSTER_CONFIG, the Hazelcast XML (the bundled copy when absent)
 * @param interest HERALD_CLUSTER_INTEREST, what a node advertises: whole scopes or exact prefixes
 * @param antiEntropyMillis HERALD_CLUSTER_ANTI_ENTROPY_MS, how often interest digests are compared
 * @param removalGraceMillis HERALD_CLUSTER_REMOVAL_GRACE_MS, how long an unused prefix stays
 *     advertised, so that a quick re-subscription causes no cluster traffic
 */
public record ClusterSettings(
    boolean enabled,
    String host,
    int port,
    List<String> members,
    String name,
    String configFile,
    InterestGranularity interest,
    int antiEntropyMillis,
    int removalGraceMillis) {

  /** What a node tells the others it wants. */
  public enum InterestGranularity {
    /** The first two segments of each subscription: fewer entries, more events discarded. */
    SCOPE,
    /** Each subscription's own prefix: exact routing, an entry per distinct prefix. */
    EXACT
  }

  public ClusterSettings {
    members = List.copyOf(members);
  }
}
