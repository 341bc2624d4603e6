package io.herald;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Keeps the pure core pure: the packages named here import no framework. */
class ArchitectureTest {
  static final Path MAIN = Path.of("src/main/java/io/herald");

  static List<String> importsOf(String pkg) throws IOException {
    try (Stream<Path> files = Files.list(MAIN.resolve(pkg))) {
      return files.filter(f -> f.toString().endsWith(".java"))
          .flatMap(ArchitectureTest::lines)
          .filter(line -> line.startsWith("import "))
          .toList();
    }
  }

  static Stream<String> lines(Path file) {
    try {
      return Files.readAllLines(file).stream();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest
  @CsvSource({"topic", "protocol", "session", "stream"})
  void corePackagesImportNoVertxNettyOrHazelcast(String pkg) throws IOException {
    assertThat(importsOf(pkg)).isNotEmpty().noneMatch(line -> line.contains("io.vertx")
        || line.contains("io.netty") || line.contains("com.hazelcast"));
  }

  @ParameterizedTest
  @CsvSource({"topic", "protocol", "session", "stream", "auth", "ingest"})
  void lowerLayersDoNotReachUpIntoTheGateway(String pkg) throws IOException {
    assertThat(importsOf(pkg)).noneMatch(line -> line.contains("io.herald.gateway")
        || line.contains("io.herald.HeraldVerticle"));
  }
}
