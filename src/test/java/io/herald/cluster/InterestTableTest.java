package io.herald.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.topic.TopicParser;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InterestTableTest {
  static final String C = "customer_id:5e4a0680-804e-11ec-8477-2fea5968d85b";
  final InterestTable table = new InterestTable();

  Set<String> nodesFor(String topic) {
    return table.interestedNodes(List.of(TopicParser.event(topic)));
  }

  @Test
  void deltasInOrderBuildTheRoutes() {
    assertThat(table.apply(new InterestDelta("b", 1, true, C + ":call"))).isEqualTo(InterestTable.Outcome.APPLIED);
    assertThat(table.apply(new InterestDelta("c", 1, true, C))).isEqualTo(InterestTable.Outcome.APPLIED);
    assertThat(nodesFor(C + ":call:1")).containsExactlyInAnyOrder("b", "c");
    assertThat(nodesFor(C + ":queue:1")).containsExactly("c");
    assertThat(table.apply(new InterestDelta("b", 2, false, C + ":call"))).isEqualTo(InterestTable.Outcome.APPLIED);
    assertThat(nodesFor(C + ":call:1")).containsExactly("c");
    assertThat(table.version("b")).isEqualTo(2);
  }

  @Test
  void repeatedOrOldDeltasAreStaleAndGapsAreReported() {
    table.apply(new InterestDelta("b", 1, true, C));
    assertThat(table.apply(new InterestDelta("b", 1, true, C))).isEqualTo(InterestTable.Outcome.STALE);
    assertThat(table.apply(new InterestDelta("b", 3, true, C + ":x"))).isEqualTo(InterestTable.Outcome.GAP);
    assertThat(nodesFor(C + ":x:1")).containsExactly("b"); // from version 1, not the gapped one
    assertThat(table.apply(new InterestDelta("d", 2, true, C))).isEqualTo(InterestTable.Outcome.GAP);
  }

  @Test
  void snapshotReplacesANodeUnlessOlder() {
    table.apply(new InterestDelta("b", 1, true, C + ":call"));
    assertThat(table.replace(new InterestSnapshot("b", 5, Set.of(C + ":queue")))).isTrue();
    assertThat(nodesFor(C + ":call:1")).isEmpty();
    assertThat(nodesFor(C + ":queue:1")).containsExactly("b");
    assertThat(table.replace(new InterestSnapshot("b", 4, Set.of()))).isFalse();
    assertThat(table.prefixCount("b")).isEqualTo(1);
  }

  @Test
  void droppedNodeLeavesNoRoute() {
    table.replace(new InterestSnapshot("b", 3, Set.of(C, C + ":call")));
    table.drop("b");
    assertThat(nodesFor(C + ":call:1")).isEmpty();
    assertThat(table.routeCount()).isZero();
    assertThat(table.knows("b")).isFalse();
  }
}
