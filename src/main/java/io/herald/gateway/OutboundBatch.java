package io.herald.gateway;

import io.netty.channel.EventLoop;
import io.netty.channel.SingleThreadEventLoop;
import java.util.ArrayList;
import java.util.List;

/**
 * The sockets of one event loop that gathered frames during the current loop iteration, written
 * out once each when the loop has run every task it had queued. A burst of events then costs each
 * socket one pass through the Netty pipeline and one system call instead of one per frame, which
 * was most of what a delivery cost (NATS keeps a per-client buffer for the same reason; Netty's
 * FlushConsolidationHandler is the same idea for flushes). A lone event is not delayed: the write
 * happens at the end of the same iteration. Owned by one event loop; not thread-safe.
 */
final class OutboundBatch {
  /** A socket holding frames that are not handed to Netty yet. */
  interface Gathering {
    void endOfIteration();
  }

  private final List<Gathering> gathering = new ArrayList<>();
  private final Runnable endOfIteration = this::endOfIteration;
  private boolean scheduled;

  /** Call once per socket when it starts gathering; {@code loop} is the caller's event loop. */
  void add(Gathering socket, EventLoop loop) {
    gathering.add(socket);
    if (!scheduled) {
      scheduled = true;
      if (loop instanceof SingleThreadEventLoop single) {
        single.executeAfterEventLoopIteration(endOfIteration);
      } else {
        loop.execute(endOfIteration);
      }
    }
  }

  private void endOfIteration() {
    scheduled = false;
    for (int i = 0; i < gathering.size(); i++) {
      gathering.get(i).endOfIteration();
    }
    gathering.clear();
  }
}
