package io.herald.bench;

import io.herald.cluster.InterestDelta;
import io.herald.cluster.InterestPolicy;
import io.herald.cluster.InterestTable;
import io.herald.cluster.NodeInterest;
import io.herald.config.ClusterSettings.InterestGranularity;
import io.herald.topic.Topic;
import io.herald.topic.TopicParser;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Drives Herald's real routing classes (NodeInterest, InterestTable, InterestPolicy, the trie)
 * with N simulated nodes in one JVM, for docs/scaling.md. Single-threaded and deterministic
 * (fixed seed). Not a test.
 *
 * <p>Workload: K customers, each with agents; every connection is an agent's, lands on a random
 * node, and subscribes {@code agent_id:<agent>}; a fraction are admins who also subscribe
 * {@code customer_id:<c>:call} and {@code customer_id:<c>:queue}. Events carry a customer topic
 * (call 50%, queue 20%, other resources 30%) and the agent's topic.
 *
 * <p>Arguments: nodes connectionsPerNode customers adminShare granularity(scope|exact).
 */
public final class ScalingSimulation {
  public static void main(String[] args) {
    int nodes = Integer.parseInt(args[0]);
    int perNode = Integer.parseInt(args[1]);
    int customers = Integer.parseInt(args[2]);
    double adminShare = Double.parseDouble(args[3]);
    InterestGranularity granularity = InterestGranularity.valueOf(args[4].toUpperCase());
    InterestPolicy policy = new InterestPolicy(granularity);
    Random random = new Random(42);

    int connections = nodes * perNode;
    UUID[] customerIds = new UUID[customers];
    for (int c = 0; c < customers; c++) {
      customerIds[c] = new UUID(random.nextLong(), random.nextLong());
    }
    // One connection per agent; agents belong to customers uniformly.
    int[] customerOf = new int[connections];
    int[] nodeOf = new int[connections];
    boolean[] admin = new boolean[connections];
    UUID[] agentIds = new UUID[connections];
    NodeInterest[] interest = new NodeInterest[nodes];
    for (int n = 0; n < nodes; n++) {
      interest[n] = new NodeInterest("node-" + n);
    }
    for (int i = 0; i < connections; i++) {
      customerOf[i] = random.nextInt(customers);
      nodeOf[i] = random.nextInt(nodes);
      admin[i] = random.nextDouble() < adminShare;
      agentIds[i] = new UUID(random.nextLong(), random.nextLong());
      for (Topic topic : subscriptions(i, customerIds, customerOf, admin, agentIds)) {
        interest[nodeOf[i]].acquire(policy.advertised(topic).value());
      }
    }
    long advertised = 0;
    for (NodeInterest node : interest) {
      advertised += node.size();
    }

    // Churn: connections reconnect to a random node; count interest deltas.
    int reconnects = Math.min(200_000, connections);
    long deltas = 0;
    for (int r = 0; r < reconnects; r++) {
      int i = random.nextInt(connections);
      List<Topic> topics = subscriptions(i, customerIds, customerOf, admin, agentIds);
      for (Topic topic : topics) {
        String prefix = policy.advertised(topic).value();
        if (interest[nodeOf[i]].release(prefix)) {
          InterestDelta removal = interest[nodeOf[i]].expire(prefix);
          deltas += removal == null ? 0 : 1;
        }
      }
      nodeOf[i] = random.nextInt(nodes);
      for (Topic topic : topics) {
        deltas += interest[nodeOf[i]].acquire(policy.advertised(topic).value()) == null ? 0 : 1;
      }
    }

    // Node 0's mirror of everyone else (after the churn), and its heap.
    long heapBefore = usedHeapAfterGc();
    InterestTable table = new InterestTable();
    for (int n = 1; n < nodes; n++) {
      table.replace(interest[n].snapshot());
    }
    long tableBytes = usedHeapAfterGc() - heapBefore;

    // Who really subscribes to what, per node, after the churn.
    List<Set<String>> agentsOn = new ArrayList<>();
    List<Set<String>> adminCustomersOn = new ArrayList<>();
    for (int n = 0; n < nodes; n++) {
      agentsOn.add(new java.util.HashSet<>());
      adminCustomersOn.add(new java.util.HashSet<>());
    }
    for (int i = 0; i < connections; i++) {
      agentsOn.get(nodeOf[i]).add(agentIds[i].toString());
      if (admin[i]) {
        adminCustomersOn.get(nodeOf[i]).add(customerIds[customerOf[i]].toString());
      }
    }

    // Events published on node 0: how many other nodes each goes to, and how many of those
    // have no subscriber for it (possible only with coarse interest).
    int events = 20_000;
    long sends = 0;
    long wasted = 0;
    String[] resources = {"call", "call", "call", "call", "call", "queue", "queue", "chat", "chat", "flow"};
    for (int e = 0; e < events; e++) {
      int i = random.nextInt(connections);
      String resource = resources[random.nextInt(resources.length)];
      Topic customerTopic = TopicParser.event("customer_id:" + customerIds[customerOf[i]] + ":"
          + resource + ":" + e);
      Topic agentTopic = TopicParser.event("agent_id:" + agentIds[i] + ":" + resource + ":" + e);
      Set<String> targets = table.interestedNodes(List.of(customerTopic, agentTopic));
      sends += targets.size();
      for (String target : targets) {
        int n = Integer.parseInt(target.substring(5));
        boolean byAgent = agentsOn.get(n).contains(agentTopic.segment(1));
        boolean byCustomer = (resource.equals("call") || resource.equals("queue"))
            && adminCustomersOn.get(n).contains(customerTopic.segment(1));
        if (!byAgent && !byCustomer) {
          wasted++;
        }
      }
    }

    System.out.printf("RESULT nodes=%d connections/node=%d customers=%d admins=%.0f%% interest=%s%n",
        nodes, perNode, customers, adminShare * 100, granularity.name().toLowerCase());
    System.out.printf("  advertised prefixes per node: %.0f%n", advertised / (double) nodes);
    System.out.printf("  routes in one node's table: %d (%d bytes of heap, %.0f bytes per route)%n",
        table.routeCount(), tableBytes, tableBytes / (double) table.routeCount());
    System.out.printf("  interest deltas per reconnect: %.3f (each pushed to %d peers)%n",
        deltas / (double) reconnects, nodes - 1);
    System.out.printf("  node sends per published event: %.2f, of which to a node without a"
        + " matching subscriber: %.2f%n", sends / (double) events, wasted / (double) events);
  }

  /** What connection {@code i} subscribes to. */
  static List<Topic> subscriptions(int i, UUID[] customerIds, int[] customerOf, boolean[] admin,
      UUID[] agentIds) {
    List<Topic> topics = new ArrayList<>(3);
    topics.add(TopicParser.event("agent_id:" + agentIds[i]));
    if (admin[i]) {
      String scope = "customer_id:" + customerIds[customerOf[i]];
      topics.add(TopicParser.event(scope + ":call"));
      topics.add(TopicParser.event(scope + ":queue"));
    }
    return topics;
  }

  static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
