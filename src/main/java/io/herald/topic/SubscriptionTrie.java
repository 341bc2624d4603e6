package io.herald.topic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Subscriptions by topic prefix, one segment per level. Not thread-safe: each event-loop verticle
 * owns one and touches it only from its own event loop.
 *
 * <p>{@link #forEachMatch} walks the event topic's segments once and visits the subscribers of
 * every node on the way, because a subscription matches every topic it is a whole-segment prefix
 * of. That is O(segments + matches) and allocates nothing per match. The visitor must not change
 * the trie while it runs.
 *
 * @param <S> the subscriber type; compared with equals/hashCode
 */
public final class SubscriptionTrie<S> {
  private final Node<S> root = new Node<>(null, null);
  private int size;

  /** Adds the pair; false when {@code subscriber} already held {@code topic}. */
  public boolean add(Topic topic, S subscriber) {
    Node<S> node = root;
    for (String segment : topic.segments()) {
      node = node.childOrCreate(segment);
    }
    boolean added = node.subscribers.add(subscriber);
    if (added) {
      size++;
    }
    return added;
  }

  /** Removes the pair and prunes nodes left empty; false when it was not there. */
  public boolean remove(Topic topic, S subscriber) {
    Node<S> node = root;
    for (String segment : topic.segments()) {
      node = node.child(segment);
      if (node == null) {
        return false;
      }
    }
    if (!node.subscribers.remove(subscriber)) {
      return false;
    }
    size--;
    while (node != root && node.isEmpty()) {
      node.parent.children.remove(node.segment);
      node = node.parent;
    }
    return true;
  }

  /** Visits every subscriber of every subscription that is a prefix of {@code event}. */
  public void forEachMatch(Topic event, Consumer<? super S> visitor) {
    Node<S> node = root;
    for (int i = 0, n = event.size(); i < n; i++) {
      node = node.child(event.segment(i));
      if (node == null) {
        return;
      }
      node.subscribers.forEach(visitor);
    }
  }

  /** The number of (topic, subscriber) pairs. */
  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  private static final class Node<S> {
    final Node<S> parent;
    final String segment;
    Map<String, Node<S>> children;
    final Subscribers<S> subscribers = new Subscribers<>();

    Node(Node<S> parent, String segment) {
      this.parent = parent;
      this.segment = segment;
    }

    Node<S> child(String segment) {
      return children == null ? null : children.get(segment);
    }

    Node<S> childOrCreate(String segment) {
      if (children == null) {
        children = new HashMap<>(4);
      }
      return children.computeIfAbsent(segment, s -> new Node<>(this, s));
    }

    boolean isEmpty() {
      return subscribers.size() == 0 && (children == null || children.isEmpty());
    }
  }

  /**
   * A set that can be walked by index without an iterator: an array list for iteration plus a
   * position map for O(1) removal (the last element moves into the hole).
   */
  private static final class Subscribers<S> {
    private final ArrayList<S> items = new ArrayList<>(2);
    private Map<S, Integer> positions;

    boolean add(S subscriber) {
      if (positions == null) {
        positions = new HashMap<>(4);
      }
      if (positions.putIfAbsent(subscriber, items.size()) != null) {
        return false;
      }
      items.add(subscriber);
      return true;
    }

    boolean remove(S subscriber) {
      Integer position = positions == null ? null : positions.remove(subscriber);
      if (position == null) {
        return false;
      }
      S last = items.remove(items.size() - 1);
      if (position < items.size()) {
        items.set(position, last);
        positions.put(last, position);
      }
      return true;
    }

    void forEach(Consumer<? super S> visitor) {
      for (int i = 0, n = items.size(); i < n; i++) {
        visitor.accept(items.get(i));
      }
    }

    int size() {
      return items.size();
    }
  }
}
