package io.herald.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.XmlConfigBuilder;
import io.herald.config.ClusterSettings;
import io.herald.config.SettingsException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds the Hazelcast configuration: the XML file named by HERALD_CLUSTER_CONFIG (or the copy
 * bundled in the jar), with the cluster name, address, port and TCP-IP members taken from the
 * HERALD_CLUSTER_* settings, so that one file serves every node; and readies the member to
 * hold what it sequences before the node can route it ({@link CustomerSequencer#prepare}).
 */
public final class HazelcastConfigFactory {
  private HazelcastConfigFactory() {}

  public static Config build(ClusterSettings settings) {
    Config config = load(settings.configFile());
    config.setClusterName(settings.name());
    // Bind only the configured address, never every interface.
    config.setProperty("hazelcast.socket.bind.any", "false");
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(settings.port()).setPortAutoIncrement(false);
    network.getInterfaces().setEnabled(true).setInterfaces(List.of(settings.host()));
    network.setPublicAddress(settings.host() + ":" + settings.port());
    JoinConfig join = network.getJoin();
    if (join.getTcpIpConfig().isEnabled()) {
      join.getTcpIpConfig().setMembers(settings.members());
    }
    CustomerSequencer.prepare(config);
    return config;
  }

  private static Config load(String file) {
    Path path = Path.of(file);
    try (InputStream in = Files.exists(path)
        ? Files.newInputStream(path)
        : HazelcastConfigFactory.class.getClassLoader().getResourceAsStream("cluster.xml")) {
      if (in == null) {
        throw new SettingsException("HERALD_CLUSTER_CONFIG: no file " + file + " and no bundled cluster.xml");
      }
      return new XmlConfigBuilder(in).build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (RuntimeException e) {
      if (e instanceof SettingsException) {
        throw e;
      }
      throw new SettingsException("HERALD_CLUSTER_CONFIG: " + file + " is not valid Hazelcast XML: "
          + e.getMessage());
    }
  }
}
