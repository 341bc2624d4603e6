package io.herald.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.herald.config.ClusterSettings;
import io.herald.config.Settings;
import io.herald.config.SettingsException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HazelcastConfigFactoryTest {
  static ClusterSettings settings(String file, String members) {
    return Settings.fromConfig(new JsonObject()
        .put("HERALD_CLUSTER", true).put("HERALD_JWT_SECRET", "0123456789abcdef0123456789abcdef")
        .put("HERALD_CLUSTER_CONFIG", file).put("HERALD_CLUSTER_MEMBERS", members)
        .put("HERALD_CLUSTER_HOST", "10.1.2.3").put("HERALD_CLUSTER_PORT", 5801)
        .put("HERALD_CLUSTER_NAME", "blue")).cluster();
  }

  @Test
  void tcpIpConfigTakesAddressPortNameAndMembersFromSettings() {
    Config config = HazelcastConfigFactory.build(settings("conf/cluster.xml", "10.1.2.4:5801,10.1.2.5:5801"));
    JoinConfig join = config.getNetworkConfig().getJoin();
    assertThat(config.getClusterName()).isEqualTo("blue");
    assertThat(config.getNetworkConfig().getPort()).isEqualTo(5801);
    assertThat(config.getNetworkConfig().isPortAutoIncrement()).isFalse();
    assertThat(config.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("10.1.2.3");
    assertThat(config.getNetworkConfig().getPublicAddress()).isEqualTo("10.1.2.3:5801");
    assertThat(join.getMulticastConfig().isEnabled()).isFalse();
    assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
    assertThat(join.getTcpIpConfig().getMembers()).containsExactly("10.1.2.4:5801", "10.1.2.5:5801");
    assertThat(config.getProperty("hazelcast.wait.seconds.before.join")).isEqualTo("0");
    assertThat(config.getProperty("hazelcast.max.no.heartbeat.seconds")).isEqualTo("10");
    assertThat(config.getProperty("hazelcast.socket.bind.any")).isEqualTo("false");
    assertThat(config.getMultiMapConfig("__vertx.subs").getBackupCount()).isEqualTo(1);
  }

  @Test
  void kubernetesConfigUsesDnsDiscoveryAndIgnoresMembers() {
    Config config = HazelcastConfigFactory.build(settings("conf/cluster-kubernetes.xml", "10.1.2.4:5801"));
    JoinConfig join = config.getNetworkConfig().getJoin();
    assertThat(join.getKubernetesConfig().isEnabled()).isTrue();
    assertThat(join.getKubernetesConfig().getProperty("service-dns")).contains("herald-hazelcast");
    assertThat(join.getTcpIpConfig().isEnabled()).isFalse();
    assertThat(join.getMulticastConfig().isEnabled()).isFalse();
  }

  @Test
  void bundledCopyMatchesConfCluster() throws Exception {
    String conf = Files.readString(Path.of("conf/cluster.xml"));
    String bundled = Files.readString(Path.of("src/main/resources/cluster.xml"));
    assertThat(bundled.substring(bundled.indexOf("<hazelcast ")))
        .isEqualTo(conf.substring(conf.indexOf("<hazelcast ")));
  }

  @Test
  void missingFileFallsBackToTheBundledCopy() {
    Config config = HazelcastConfigFactory.build(settings("no/such/file.xml", ""));
    assertThat(config.getNetworkConfig().getJoin().getTcpIpConfig().isEnabled()).isTrue();
  }

  @Test
  void brokenXmlStopsStartUpNamingTheSetting() throws Exception {
    Path broken = Files.createTempFile("cluster", ".xml");
    Files.writeString(broken, "<hazelcast><network><join>");
    assertThatThrownBy(() -> HazelcastConfigFactory.build(settings(broken.toString(), "")))
        .isInstanceOf(SettingsException.class).hasMessageContaining("HERALD_CLUSTER_CONFIG");
  }
}
