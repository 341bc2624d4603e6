package io.herald.cluster;

import io.vertx.core.Future;

/**
 * Carries interest between nodes. A seam with a written contract, checked by one contract test
 * per implementation:
 *
 * <ul>
 *   <li>{@link #push} completes only after the receiving node's service applied the delta (or
 *       failed if it could not be reached);
 *   <li>pushes from one node to another arrive in the order they were made;
 *   <li>{@link #pull} returns the receiving node's current snapshot;
 *   <li>{@link #broadcast} reaches every other node's service at most once.
 * </ul>
 */
public interface InterestExchange {
  Future<Void> push(String node, InterestDelta delta);

  Future<InterestSnapshot> pull(String node);

  void broadcast(InterestDigest digest);

  /** Starts answering other nodes; completes once they can reach this node. */
  Future<Void> serve(Service service);

  /** This node's side of the exchange. Called on the context that called {@link #serve}. */
  interface Service {
    Future<Void> onDelta(InterestDelta delta);

    InterestSnapshot snapshot();

    void onDigest(InterestDigest digest);
  }
}
