package cn.cq.ipmonitor.broker;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.utils.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a fatal fault of the in-process broker from killing the monitor's JVM.
 *
 * <p>Kafka's fault handlers call {@link Exit#halt} (or {@link Exit#exit}), which in a stand-alone broker ends
 * the process; here the same JVM serves HTTP, holds cluster state and writes history, so the request is
 * logged loudly and counted instead. The broker is dead after such a fault: {@link EmbeddedKafka} exposes the
 * count so health checks can say so. Kafka's procedures are JVM-wide, hence the static state, installed once.
 */
final class KafkaExitGuard {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaExitGuard.class);
  private static final AtomicBoolean INSTALLED = new AtomicBoolean();
  private static final AtomicLong FAULTS = new AtomicLong();

  private KafkaExitGuard() {
  }

  /** Replaces Kafka's halt and exit procedures, once per JVM. */
  static void install() {
    if (INSTALLED.compareAndSet(false, true)) {
      Exit.setHaltProcedure((status, message) -> report("halt", status, message));
      Exit.setExitProcedure((status, message) -> report("exit", status, message));
    }
  }

  /** How many halt or exit requests Kafka has made in this JVM so far. */
  static long faults() {
    return FAULTS.get();
  }

  private static void report(String kind, int status, String message) {
    FAULTS.incrementAndGet();
    // The throwable carries the stack of the caller: it names the Kafka component that gave up.
    LOG.error("FATAL: the embedded Kafka broker asked to {} the JVM with status {} ({}); the JVM stays up, "
        + "but the broker must be considered failed until the monitor restarts", kind, status, message,
        new IllegalStateException("Kafka " + kind + " request"));
  }
}
