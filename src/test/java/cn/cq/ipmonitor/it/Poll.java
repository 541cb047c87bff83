package cn.cq.ipmonitor.it;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.Supplier;

/** Awaits a condition by re-checking it on Vert.x timers: no sleeping threads, a clear failure on timeout. */
public final class Poll {

  private static final long INTERVAL_MS = 50;

  private Poll() {
  }

  /** Completes with the first value the check accepts, or fails with {@code what} after {@code timeout}. */
  public static <T> T until(Vertx vertx, Duration timeout, String what, Supplier<Future<T>> check,
                            java.util.function.Predicate<T> accept) {
    Promise<T> p = Promise.promise();
    long deadline = System.nanoTime() + timeout.toNanos();
    attempt(vertx, deadline, what, check, accept, p, null);
    return p.future().await();
  }

  private static <T> void attempt(Vertx vertx, long deadline, String what, Supplier<Future<T>> check,
                                  java.util.function.Predicate<T> accept, Promise<T> p, Object last) {
    check.get().onComplete(ar -> {
      if (ar.succeeded() && accept.test(ar.result())) {
        p.complete(ar.result());
      } else if (System.nanoTime() > deadline) {
        p.fail(new AssertionError("timed out waiting for " + what + "; last: "
            + (ar.succeeded() ? ar.result() : ar.cause())));
      } else {
        vertx.setTimer(INTERVAL_MS, id -> attempt(vertx, deadline, what, check, accept, p, ar.result()));
      }
    });
  }
}
