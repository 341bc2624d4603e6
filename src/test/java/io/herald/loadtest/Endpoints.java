package io.herald.loadtest;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Where connections go and come from: subscriber nodes, publisher nodes (other nodes of a cluster),
 * and the client source addresses (127.0.0.2...127.0.0.50 lift the ephemeral-port limit of one
 * address pair for the idle scenario). Connection {@code i} uses node {@code i mod nodes} and
 * source address {@code i mod addresses}.
 */
final class Endpoints {
  record HostPort(String host, int port) {
    static HostPort parse(String text) {
      int colon = text.lastIndexOf(':');
      return new HostPort(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
    }
  }

  private final List<HostPort> subscriberNodes;
  private final List<HostPort> publisherNodes;
  private final List<WebSocketClient> clients = new ArrayList<>();
  private final WebSocketClient publisherClient;

  /**
   * @param vertx runs the subscriber connections
   * @param publisherVertx runs the publishers, on an event loop of their own, so a publisher's
   *     pace never waits behind thousands of subscriber frames
   */
  Endpoints(Vertx vertx, Vertx publisherVertx, List<HostPort> subscriberNodes,
      List<HostPort> publisherNodes, List<String> sourceAddresses, int maxConnections) {
    this.subscriberNodes = List.copyOf(subscriberNodes);
    this.publisherNodes = List.copyOf(publisherNodes);
    List<String> sources = sourceAddresses.isEmpty() ? java.util.Collections.singletonList(null)
        : sourceAddresses;
    for (String source : sources) {
      WebSocketClientOptions options = new WebSocketClientOptions()
          .setMaxConnections(maxConnections)
          .setConnectTimeout(30_000)
          .setMaxFrameSize(1 << 20)
          .setMaxMessageSize(1 << 20);
      if (source != null) {
        options.setLocalAddress(source);
      }
      clients.add(vertx.createWebSocketClient(options));
    }
    publisherClient = publisherVertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxConnections(100).setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 20));
  }

  HostPort subscriberNode(int index) {
    return subscriberNodes.get(index % subscriberNodes.size());
  }

  HostPort publisherNode(int index) {
    return publisherNodes.get(index % publisherNodes.size());
  }

  WebSocketClient client(int index) {
    return clients.get(index % clients.size());
  }

  WebSocketClient publisherClient() {
    return publisherClient;
  }

  /** 127.0.0.2-127.0.0.50 style ranges (last octet only) or a comma list. */
  static List<String> addresses(String spec) {
    List<String> out = new ArrayList<>();
    if (spec == null || spec.isBlank()) {
      return out;
    }
    for (String part : spec.split(",")) {
      int dash = part.indexOf('-');
      if (dash < 0) {
        out.add(part.trim());
        continue;
      }
      String first = part.substring(0, dash).trim();
      String last = part.substring(dash + 1).trim();
      String stem = first.substring(0, first.lastIndexOf('.') + 1);
      int from = Integer.parseInt(first.substring(first.lastIndexOf('.') + 1));
      int to = Integer.parseInt(last.substring(last.lastIndexOf('.') + 1));
      for (int octet = from; octet <= to; octet++) {
        out.add(stem + octet);
      }
    }
    return out;
  }
}
