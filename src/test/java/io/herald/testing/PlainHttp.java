package io.herald.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Plain HTTP requests for tests, with the JDK's client. Vert.x 5.0.7's HTTP client was seen to
 * stall now and then on responses the node had sent in full (checked byte for byte with ss), so
 * the tests use a client of another make; the WebSocket clients stay Vert.x's.
 */
public final class PlainHttp {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();

  /** An HTTP response with its body read. */
  public record Response(int status, String body, String contentType) {
    public io.vertx.core.json.JsonObject json() {
      return new io.vertx.core.json.JsonObject(body);
    }

    /** The {@code error.reason} of an error envelope. */
    public String reason() {
      return json().getJsonObject("error").getString("reason");
    }
  }

  public Response send(String method, int port, String path, Map<String, String> headers, byte[] body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(TIMEOUT)
        .method(method, body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    try {
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body(),
          response.headers().firstValue("content-type").orElse(null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Response get(int port, String path, String bearer) {
    return send("GET", port, path, bearer == null ? Map.of() : Map.of("Authorization", "Bearer " + bearer), null);
  }

  public Response post(int port, String path, String bearer, String body) {
    return send("POST", port, path, bearer == null ? Map.of() : Map.of("Authorization", "Bearer " + bearer),
        body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
