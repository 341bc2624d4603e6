package io.herald.session;

import io.herald.topic.Topic;
import java.util.Collection;

/**
 * How sessions tell the rest of the cluster what this node wants, and learn when it is safe to
 * acknowledge: a subscription is acknowledged only once every node will route its events here.
 * Called from the session's event loop; callbacks run on it too.
 */
public interface InterestGate {
  /** A session now holds {@code topic}. */
  void acquire(Topic topic);

  /** A session no longer holds {@code topic}. */
  void release(Topic topic);

  /** Runs {@code callback} once events for all {@code topics} are routed to this node. */
  void whenLive(Collection<Topic> topics, Runnable callback);

  /** A single node: everything is live at once. */
  InterestGate LOCAL = new InterestGate() {
    @Override
    public void acquire(Topic topic) {}

    @Override
    public void release(Topic topic) {}

    @Override
    public void whenLive(Collection<Topic> topics, Runnable callback) {
      callback.run();
    }
  };
}
