package io.herald.cluster;

import io.herald.topic.SubscriptionTrie;
import io.herald.topic.Topic;
import io.herald.topic.TopicParser;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The other nodes' interest, as this node knows it: per node a version and its prefixes, and a
 * routing trie from prefix to node. Each node's own interest is the truth; this is a mirror,
 * repaired from snapshots when a gap or a digest mismatch shows it is stale. Single-threaded:
 * owned by the cluster verticle's context.
 */
public final class InterestTable {
  private final Map<String, View> views = new HashMap<>();
  private final SubscriptionTrie<String> routes = new SubscriptionTrie<>();

  /** What became of a delta. */
  public enum Outcome {
    APPLIED,
    /** Already known (an older or repeated version): ignored. */
    STALE,
    /** Versions are missing before it: the caller must fetch a snapshot of that node. */
    GAP
  }

  private static final class View {
    long version;
    final Map<String, Topic> prefixes = new HashMap<>();
  }

  public Outcome apply(InterestDelta delta) {
    View view = views.get(delta.node());
    long known = view == null ? 0 : view.version;
    if (delta.version() <= known) {
      return Outcome.STALE;
    }
    if (delta.version() != known + 1) {
      return Outcome.GAP;
    }
    if (view == null) {
      view = new View();
      views.put(delta.node(), view);
    }
    view.version = delta.version();
    if (delta.add()) {
      add(delta.node(), view, delta.prefix());
    } else {
      Topic topic = view.prefixes.remove(delta.prefix());
      if (topic != null) {
        routes.remove(topic, delta.node());
      }
    }
    return Outcome.APPLIED;
  }

  /** Replaces what is known of a node, unless what is known is newer. */
  public boolean replace(InterestSnapshot snapshot) {
    View old = views.get(snapshot.node());
    if (old != null && old.version > snapshot.version()) {
      return false;
    }
    drop(snapshot.node());
    View view = new View();
    view.version = snapshot.version();
    views.put(snapshot.node(), view);
    for (String prefix : snapshot.prefixes()) {
      add(snapshot.node(), view, prefix);
    }
    return true;
  }

  /** Forgets a node (it left or died). */
  public void drop(String node) {
    View view = views.remove(node);
    if (view != null) {
      for (Topic topic : view.prefixes.values()) {
        routes.remove(topic, node);
      }
    }
  }

  /** Visits each node with a prefix of {@code eventTopic}, possibly more than once. */
  public void forEachInterestedNode(Topic eventTopic, Consumer<String> visitor) {
    routes.forEachMatch(eventTopic, visitor);
  }

  /** The nodes that want at least one of an event's topics, each once. */
  public Set<String> interestedNodes(Iterable<Topic> eventTopics) {
    Set<String> nodes = new HashSet<>(4);
    for (Topic topic : eventTopics) {
      routes.forEachMatch(topic, nodes::add);
    }
    return nodes;
  }

  public boolean knows(String node) {
    return views.containsKey(node);
  }

  public long version(String node) {
    View view = views.get(node);
    return view == null ? 0 : view.version;
  }

  public int prefixCount(String node) {
    View view = views.get(node);
    return view == null ? 0 : view.prefixes.size();
  }

  public Set<String> nodes() {
    return Set.copyOf(views.keySet());
  }

  /** Total (prefix, node) routes. */
  public int routeCount() {
    return routes.size();
  }

  private void add(String node, View view, String prefix) {
    Topic topic = TopicParser.event(prefix);
    if (view.prefixes.putIfAbsent(prefix, topic) == null) {
      routes.add(topic, node);
    }
  }
}
