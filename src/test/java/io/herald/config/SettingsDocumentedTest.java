package io.herald.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every setting the code reads is documented, so the docs cannot fall behind the code. */
class SettingsDocumentedTest {
  @Test
  void everySettingIsInTheOperationsGuideAndTheReadme() throws Exception {
    String operations = Files.readString(Path.of("docs/operations.md"));
    String readme = Files.readString(Path.of("README.md"));
    assertThat(Settings.knownKeys()).isNotEmpty().allSatisfy(key -> {
      assertThat(operations).as("docs/operations.md").contains("`" + key + "`");
      assertThat(readme).as("README.md").contains("`" + key + "`");
    });
  }
}
