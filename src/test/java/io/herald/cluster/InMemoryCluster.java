package io.herald.cluster;

import io.herald.ingest.PreparedEvent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Simulated nodes in one JVM, each with its own Vert.x context, connected by in-memory
 * implementations of the cluster seams. Messages hop contexts the way the event bus does, so
 * ordering and threading match the real transports; the contract tests hold both to the same
 * rules.
 */
public final class InMemoryCluster {
  private final Vertx vertx;
  private final Map<String, Node> nodes = new ConcurrentHashMap<>();

  public InMemoryCluster(Vertx vertx) {
    this.vertx = vertx;
  }

  /** A node that joins now; its handlers run on a new context of its own. */
  public Node join(String id) {
    return join(id, vertx);
  }

  /** A node whose handlers run on a context of {@code nodeVertx}: one Vert.x per simulated node. */
  public Node join(String id, Vertx nodeVertx) {
    Node node = new Node(id, nodeVertx.getOrCreateContext());
    nodes.values().forEach(other -> other.notify(l -> l.joined(id)));
    nodes.put(id, node);
    return node;
  }

  /** The node vanishes: the others are told it left; messages to it go nowhere. */
  public void leave(String id) {
    nodes.remove(id);
    nodes.values().forEach(other -> other.notify(l -> l.left(id)));
  }

  public final class Node implements Membership, InterestExchange, NodeTransport {
    private final String id;
    private final Context context;
    private final List<Membership.Listener> listeners = new ArrayList<>();
    private volatile Service service;
    private volatile Handler<PreparedEvent> events;

    Node(String id, Context context) {
      this.id = id;
      this.context = context;
    }

    public Context context() {
      return context;
    }

    private void notify(java.util.function.Consumer<Membership.Listener> change) {
      List<Membership.Listener> copy;
      synchronized (listeners) {
        copy = List.copyOf(listeners);
      }
      copy.forEach(change);
    }

    @Override
    public String self() {
      return id;
    }

    @Override
    public Set<String> peers() {
      Set<String> peers = new java.util.HashSet<>(nodes.keySet());
      peers.remove(id);
      return peers;
    }

    @Override
    public void listen(Membership.Listener listener) {
      synchronized (listeners) {
        listeners.add(listener);
      }
    }

    @Override
    public Future<Void> push(String node, InterestDelta delta) {
      return ask(node, target -> target.service.onDelta(delta));
    }

    @Override
    public Future<InterestSnapshot> pull(String node) {
      return ask(node, target -> Future.succeededFuture(target.service.snapshot()));
    }

    @Override
    public void broadcast(InterestDigest digest) {
      for (Node target : nodes.values()) {
        if (target != this && target.service != null) {
          target.context.runOnContext(v -> target.service.onDigest(digest));
        }
      }
    }

    @Override
    public Future<Void> serve(Service service) {
      this.service = service;
      return Future.succeededFuture();
    }

    @Override
    public void send(String node, PreparedEvent event) {
      Node target = nodes.get(node);
      if (target != null && target.events != null) {
        target.context.runOnContext(v -> target.events.handle(event));
      }
    }

    @Override
    public Future<Void> receive(Handler<PreparedEvent> handler) {
      this.events = handler;
      return Future.succeededFuture();
    }

    /** Runs {@code call} on the target's context and completes on the caller's, like a request. */
    private <T> Future<T> ask(String node, java.util.function.Function<Node, Future<T>> call) {
      Context caller = Vertx.currentContext() != null ? Vertx.currentContext() : context;
      Promise<T> promise = Promise.promise();
      Node target = nodes.get(node);
      if (target == null || target.service == null) {
        return Future.failedFuture("no node " + node);
      }
      target.context.runOnContext(v -> call.apply(target).onComplete(
          result -> caller.runOnContext(w -> promise.complete(result)),
          failure -> caller.runOnContext(w -> promise.fail(failure))));
      return promise.future();
    }
  }
}
