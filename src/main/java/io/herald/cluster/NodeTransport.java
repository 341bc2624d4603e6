package io.herald.cluster;

import io.herald.ingest.PreparedEvent;
import io.vertx.core.Future;
import io.vertx.core.Handler;

/**
 * Carries events to the nodes that want them. Contract (checked by a contract test per
 * implementation): events sent from one node to another arrive in the order sent, each once,
 * with their topics and frames unchanged; a node receives only what was sent to it.
 */
public interface NodeTransport {
  void send(String node, PreparedEvent event);

  /** Starts receiving events sent to this node; completes once others can reach it. */
  Future<Void> receive(Handler<PreparedEvent> handler);
}
