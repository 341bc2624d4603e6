package io.herald.e2e;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code java -jar target/herald.jar} as a separate process, with its output captured. */
final class NodeProcess implements AutoCloseable {
  private static final Pattern SERVING = Pattern.compile("Herald serving on http://[^:]+:(\\d+)");

  final Process process;
  final List<String> output = new CopyOnWriteArrayList<>();

  private NodeProcess(Process process) {
    this.process = process;
    Thread reader = new Thread(this::readOutput, "herald-output-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  static NodeProcess start(Map<String, String> env, Path workDir, String... launcherArgs)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(java(), "-Xmx256m", "-jar", jar()));
    command.addAll(List.of(launcherArgs));
    return start(command, env, workDir);
  }

  /** The classic `vertx` launcher (vertx-launcher-legacy-cli) from the same jar. */
  static NodeProcess startClassic(Map<String, String> env, Path workDir, String... launcherArgs)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(java(), "-Xmx256m", "-cp", jar(),
        "io.vertx.core.Launcher"));
    command.addAll(List.of(launcherArgs));
    return start(command, env, workDir);
  }

  static String jar() {
    return Path.of(System.getProperty("herald.jar", "target/herald.jar")).toAbsolutePath().toString();
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static NodeProcess start(List<String> command, Map<String, String> env, Path workDir)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectErrorStream(true);
    builder.environment().keySet().removeIf(key -> key.startsWith("HERALD_"));
    builder.environment().putAll(env);
    return new NodeProcess(builder.start());
  }

  private void readOutput() {
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        output.add(line);
      }
    } catch (IOException e) {
      output.add("<output closed: " + e + ">");
    }
  }

  /** Waits for the start-up line and returns the port it names. */
  int awaitServingPort() {
    await().atMost(Duration.ofSeconds(30)).until(() -> findPort() > 0 || !process.isAlive());
    int port = findPort();
    if (port <= 0) {
      throw new AssertionError("node did not start:\n" + String.join("\n", output));
    }
    return port;
  }

  private int findPort() {
    for (String line : output) {
      Matcher matcher = SERVING.matcher(line);
      if (matcher.find()) {
        return Integer.parseInt(matcher.group(1));
      }
    }
    return -1;
  }

  /** The node's used heap in KiB after a full GC, read with jcmd (the JDK's own tool). */
  long heapUsedKibAfterGc() throws Exception {
    String pid = String.valueOf(process.pid());
    new ProcessBuilder("jcmd", pid, "GC.run").redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
    Process info = new ProcessBuilder("jcmd", pid, "GC.heap_info").redirectErrorStream(true).start();
    String text = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    Matcher used = Pattern.compile("total \\d+K, used (\\d+)K").matcher(text);
    if (!used.find()) {
      throw new AssertionError("no heap figure from jcmd:\n" + text);
    }
    return Long.parseLong(used.group(1));
  }

  /** The line after the first line containing {@code label}, trimmed. */
  String lineAfter(String label) {
    for (int i = 0; i < output.size() - 1; i++) {
      if (output.get(i).contains(label)) {
        return output.get(i + 1).trim();
      }
    }
    throw new AssertionError("no '" + label + "' in:\n" + String.join("\n", output));
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
