package io.herald.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import io.herald.cluster.HazelcastConfigFactory;
import io.herald.config.Settings;
import io.herald.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The Kubernetes manifests agree with what the application reads and serves. */
class ManifestsTest {
  static final Path BASE = Path.of("k8s/base");
  static final Map<String, Map<String, Object>> byKind = new HashMap<>();

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void parse() throws Exception {
    Map<String, Object> kustomization = new Yaml().load(Files.readString(BASE.resolve("kustomization.yaml")));
    for (Object file : (List<Object>) kustomization.get("resources")) {
      Map<String, Object> manifest = new Yaml().load(Files.readString(BASE.resolve((String) file)));
      String kind = (String) manifest.get("kind");
      String name = (String) ((Map<String, Object>) manifest.get("metadata")).get("name");
      byKind.put(kind + "/" + name, manifest);
    }
  }

  @SuppressWarnings("unchecked")
  static <T> T at(Object node, String... path) {
    Object current = node;
    for (String step : path) {
      current = current instanceof List<?> list ? list.get(Integer.parseInt(step)) : ((Map<String, Object>) current).get(step);
    }
    return (T) current;
  }

  static Map<String, Object> container() {
    return at(byKind.get("Deployment/herald"), "spec", "template", "spec", "containers", "0");
  }

  static Map<String, String> configMap() {
    return at(byKind.get("ConfigMap/herald-config"), "data");
  }

  static int containerPort(String name) {
    for (Map<String, Object> port : ManifestsTest.<List<Map<String, Object>>>at(container(), "ports")) {
      if (name.equals(port.get("name"))) {
        return (Integer) port.get("containerPort");
      }
    }
    throw new AssertionError("no container port " + name);
  }

  @Test
  void everyEnvironmentNameIsASettingHeraldReads() {
    List<String> names = new ArrayList<>(configMap().keySet());
    for (Map<String, Object> env : ManifestsTest.<List<Map<String, Object>>>at(container(), "env")) {
      names.add((String) env.get("name"));
    }
    assertThat(Settings.knownKeys()).containsAll(names);
  }

  @Test
  void configMapWithSecretAndPodIpIsAValidConfiguration() {
    JsonObject config = new JsonObject(new HashMap<>(configMap()))
        .put("HERALD_JWT_SECRET", at(byKind.get("Secret/herald-secrets"), "stringData", "jwt-secret"))
        .put("HERALD_CLUSTER_HOST", "10.0.0.7");
    Settings settings = Settings.fromConfig(config);
    assertThat(settings.cluster().enabled()).isTrue();
    assertThat(containerPort("http")).isEqualTo(settings.httpPort());
    assertThat(containerPort("hazelcast")).isEqualTo(settings.cluster().port());
    assertThat(Files.exists(Path.of(settings.cluster().configFile()))).isTrue();
  }

  @Test
  void hazelcastDiscoveryFindsTheHeadlessService() {
    Settings settings = Settings.fromConfig(new JsonObject(new HashMap<>(configMap()))
        .put("HERALD_JWT_SECRET", "0123456789abcdef0123456789abcdef").put("HERALD_CLUSTER_HOST", "10.0.0.7"));
    Config config = HazelcastConfigFactory.build(settings.cluster());
    assertThat(config.getNetworkConfig().getJoin().getKubernetesConfig().isEnabled()).isTrue();
    String dns = config.getNetworkConfig().getJoin().getKubernetesConfig().getProperty("service-dns");
    Map<String, Object> headless = byKind.get("Service/herald-hazelcast");
    assertThat(dns).isEqualTo(at(headless, "metadata", "name"));
    assertThat((Object) at(headless, "spec", "clusterIP")).isEqualTo("None");
    assertThat((Object) at(headless, "spec", "publishNotReadyAddresses")).isEqualTo(true);
    assertThat((Object) at(headless, "spec", "ports", "0", "port")).isEqualTo(settings.cluster().port());
  }

  @Test
  void probesPointAtEndpointsTheNodeServes() {
    String ready = at(container(), "readinessProbe", "httpGet", "path");
    String live = at(container(), "livenessProbe", "httpGet", "path");
    try (TestNode node = TestNode.start()) {
      assertThat(node.get(ready).status()).isEqualTo(200);
      assertThat(node.get(live).status()).isEqualTo(200);
    }
  }

  @Test
  void rollingUpdateNeverDropsBelowTwoReadyPods() {
    Map<String, Object> deployment = byKind.get("Deployment/herald");
    int replicas = at(deployment, "spec", "replicas");
    int maxUnavailable = at(deployment, "spec", "strategy", "rollingUpdate", "maxUnavailable");
    assertThat(replicas - maxUnavailable).isGreaterThanOrEqualTo(2);
    assertThat((Object) at(byKind.get("PodDisruptionBudget/herald"), "spec", "minAvailable")).isEqualTo(2);
    assertThat((Object) at(byKind.get("HorizontalPodAutoscaler/herald"), "spec", "minReplicas")).isEqualTo(3);
    assertThat((Object) at(deployment, "spec", "template", "spec", "securityContext", "runAsNonRoot")).isEqualTo(true);
    // SIGTERM drains within 10 s; the pod must be given longer than that plus the preStop pause.
    int grace = at(deployment, "spec", "template", "spec", "terminationGracePeriodSeconds");
    int preStop = at(container(), "lifecycle", "preStop", "sleep", "seconds");
    assertThat(grace).isGreaterThan(10 + preStop);
  }

  @Test
  void imageShipsTheConfigurationFilesTheConfigMapNames() throws Exception {
    String dockerfile = Files.readString(Path.of("Dockerfile"));
    assertThat(dockerfile).contains("COPY conf /app/conf").contains("WORKDIR /app")
        .contains("target/herald.jar");
    assertThat(configMap().get("HERALD_CLUSTER_CONFIG")).startsWith("conf/");
  }
}
