package io.herald.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * A bare-bones WebSocket client over a plain socket, for peers no library would imitate: one
 * that never reads, or never answers a ping. It buffers nothing itself, so what piles up is the
 * node's (and the kernel's) business.
 */
public final class RawWebSocket implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final Random random = new Random();

  /** Connects and upgrades; returns once the 101 answer's first bytes have arrived. */
  public RawWebSocket(int port, String token) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(15_000);
    out = socket.getOutputStream();
    out.write(("GET /v1.0/ws?token=" + token + " HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    byte[] status = socket.getInputStream().readNBytes(12);
    if (!new String(status, StandardCharsets.US_ASCII).equals("HTTP/1.1 101")) {
      throw new IOException("upgrade refused: " + new String(status, StandardCharsets.US_ASCII));
    }
  }

  /** Sends one masked text frame, as RFC 6455 requires of clients. */
  public void sendText(String text) throws IOException {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    byte[] mask = new byte[4];
    random.nextBytes(mask);
    out.write(0x81);
    if (payload.length < 126) {
      out.write(0x80 | payload.length);
    } else {
      out.write(0x80 | 126);
      out.write(payload.length >> 8);
      out.write(payload.length & 0xff);
    }
    out.write(mask);
    for (int i = 0; i < payload.length; i++) {
      out.write(payload[i] ^ mask[i % 4]);
    }
    out.flush();
  }

  public InputStream input() throws IOException {
    return socket.getInputStream();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
