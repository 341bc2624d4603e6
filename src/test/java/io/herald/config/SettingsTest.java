package io.herald.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class SettingsTest {
  @Test
  void defaults() {
    Settings settings = Settings.defaults();
    assertThat(settings.httpHost()).isEqualTo("0.0.0.0");
    assertThat(settings.httpPort()).isEqualTo(8080);
    assertThat(settings.jwtSecret()).isEmpty();
    assertThat(settings.eventLoops()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(settings.maxMessageBytes()).isEqualTo(65536);
    assertThat(settings.maxSubscriptions()).isEqualTo(1000);
    assertThat(settings.controlRate()).isEqualTo(50);
    assertThat(settings.controlBurst()).isEqualTo(100);
    assertThat(settings.publishMaxBytes()).isEqualTo(1024 * 1024);
  }

  @Test
  void environmentTextIsParsed() {
    Settings settings = Settings.fromConfig(new JsonObject()
        .put("HERALD_HTTP_PORT", " 9090 ")
        .put("HERALD_EVENT_LOOPS", "3")
        .put("HERALD_HTTP_HOST", "127.0.0.1")
        .put("HERALD_JWT_SECRET", "0123456789abcdef0123456789abcdef"));
    assertThat(settings.httpPort()).isEqualTo(9090);
    assertThat(settings.eventLoops()).isEqualTo(3);
    assertThat(settings.httpHost()).isEqualTo("127.0.0.1");
    assertThat(settings.jwtSecret()).contains("0123456789abcdef0123456789abcdef");
  }

  @Test
  void emptySecretMeansNone() {
    assertThat(Settings.fromConfig(new JsonObject().put("HERALD_JWT_SECRET", "")).jwtSecret()).isEmpty();
  }

  @Test
  void badValuesNameTheSetting() {
    assertThatThrownBy(() -> Settings.fromConfig(new JsonObject().put("HERALD_HTTP_PORT", "http")))
        .isInstanceOf(SettingsException.class).hasMessageContaining("HERALD_HTTP_PORT");
    assertThatThrownBy(() -> Settings.fromConfig(new JsonObject().put("HERALD_HTTP_PORT", 70000)))
        .isInstanceOf(SettingsException.class).hasMessageContaining("HERALD_HTTP_PORT");
    assertThatThrownBy(() -> Settings.fromConfig(new JsonObject().put("HERALD_EVENT_LOOPS", 0)))
        .isInstanceOf(SettingsException.class).hasMessageContaining("HERALD_EVENT_LOOPS");
    assertThatThrownBy(() -> Settings.fromConfig(new JsonObject().put("HERALD_MAX_SUBSCRIPTIONS", 1.5)))
        .isInstanceOf(SettingsException.class).hasMessageContaining("HERALD_MAX_SUBSCRIPTIONS");
    assertThatThrownBy(() -> Settings.fromConfig(new JsonObject().put("HERALD_HTTP_HOST", new JsonObject())))
        .isInstanceOf(SettingsException.class).hasMessageContaining("HERALD_HTTP_HOST");
  }

  @Test
  void clusterSettings() {
    ClusterSettings cluster = Settings.fromConfig(new JsonObject()
        .put("HERALD_CLUSTER", "TRUE")
        .put("HERALD_JWT_SECRET", "0123456789abcdef0123456789abcdef")
        .put("HERALD_CLUSTER_MEMBERS", " 10.0.0.1:5701, node-b:5702 ,")
        .put("HERALD_CLUSTER_INTEREST", "Scope")).cluster();
    assertThat(cluster.enabled()).isTrue();
    assertThat(cluster.members()).containsExactly("10.0.0.1:5701", "node-b:5702");
    assertThat(cluster.interest()).isEqualTo(ClusterSettings.InterestGranularity.SCOPE);
    assertThat(cluster.port()).isEqualTo(5701);
    assertThat(Settings.defaults().cluster().enabled()).isFalse();
    assertThat(Settings.defaults().cluster().interest()).isEqualTo(ClusterSettings.InterestGranularity.EXACT);
  }

  @Test
  void badClusterSettingsNameTheSetting() {
    String secret = "0123456789abcdef0123456789abcdef";
    for (String members : new String[] {"host", "host:", "host:57a1", "host:5701-5703", ":5701", "h:999999"}) {
      assertThatThrownBy(() -> Settings.fromConfig(new JsonObject()
              .put("HERALD_JWT_SECRET", secret).put("HERALD_CLUSTER_MEMBERS", members)))
          .as(members).isInstanceOf(SettingsException.class).hasMessageContaining("HERALD_CLUSTER_MEMBERS");
    }
    assertThatThrownBy(() -> Settings.fromConfig(new JsonObject().put("HERALD_CLUSTER", "yes")))
        .isInstanceOf(SettingsException.class).hasMessageContaining("HERALD_CLUSTER");
    assertThatThrownBy(() -> Settings.fromConfig(new JsonObject().put("HERALD_CLUSTER_INTEREST", "all")))
        .isInstanceOf(SettingsException.class).hasMessageContaining("HERALD_CLUSTER_INTEREST");
  }

  @Test
  void clusterWithoutASecretRefusesToStart() {
    assertThatThrownBy(() -> Settings.fromConfig(new JsonObject().put("HERALD_CLUSTER", true)))
        .isInstanceOf(SettingsException.class).hasMessageContaining("HERALD_JWT_SECRET");
  }

  @Test
  void shortSecretRefusesToStart() {
    assertThatThrownBy(() -> Settings.fromConfig(new JsonObject().put("HERALD_JWT_SECRET", "short")))
        .isInstanceOf(SettingsException.class).hasMessageContaining("HERALD_JWT_SECRET");
  }
}
