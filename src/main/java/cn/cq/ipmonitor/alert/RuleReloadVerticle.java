package cn.cq.ipmonitor.alert;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the rule file of a running node: every {@code intervalMs} it reads the file (on a worker: file I/O)
 * and offers it to {@link RulesInForce}, which swaps the rules when it validates and keeps them when it does
 * not. Polling, not a file-system watch: it works the same on every file system, including mounted config maps
 * whose files are replaced by renaming a directory.
 */
public final class RuleReloadVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(RuleReloadVerticle.class);
  public static final String METRIC = "ipmon_alert_rules_reloads";

  private final RulesInForce rules;
  private final Path file;
  private final long intervalMs;
  private final LongSupplier clock;
  private final Counter ok;
  private final Counter rejected;
  private boolean reading;

  public RuleReloadVerticle(RulesInForce rules, Path file, long intervalMs, LongSupplier clock, MeterRegistry meters) {
    this.rules = rules;
    this.file = file;
    this.intervalMs = intervalMs;
    this.clock = clock;
    this.ok = Counter.builder(METRIC).tag("result", "ok").description("reloads of the alert rule file")
        .register(meters);
    this.rejected = Counter.builder(METRIC).tag("result", "rejected").description("reloads of the alert rule file")
        .register(meters);
  }

  @Override
  public Future<?> start() {
    vertx.setPeriodic(intervalMs, id -> check());
    return Future.succeededFuture();
  }

  /** One look at the file; a look still under way when the next is due makes the next one skip. */
  private void check() {
    if (reading) {
      return;
    }
    reading = true;
    vertx.executeBlocking(() -> {
      byte[] contents;
      String error = null;
      try {
        contents = Files.readAllBytes(file);
      } catch (IOException e) {
        contents = null;
        error = e.toString();
      }
      return rules.offer(contents, error, clock.getAsLong());
    }, false).onComplete(ar -> {
      reading = false;
      if (ar.failed()) {
        LOG.warn("Alert rule file {} not checked: {}", file, ar.cause().toString());
        return;
      }
      switch (ar.result()) {
        case LOADED -> {
          ok.increment();
          LOG.info("Alert rules reloaded from {}: {}", file, rules.snapshot().rules());
        }
        case REJECTED -> {
          rejected.increment();
          LOG.warn("Alert rule file {} refused, the rules in force stay: {}", file,
              rules.snapshot().lastError().reasons());
        }
        case UNCHANGED -> {
          // nothing new
        }
      }
    });
  }
}
