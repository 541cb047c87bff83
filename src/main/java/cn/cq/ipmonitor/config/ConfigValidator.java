package cn.cq.ipmonitor.config;

import cn.cq.ipmonitor.event.Districts;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Checks what types alone cannot: ranges, required values, roles. Reports every problem at once. */
final class ConfigValidator {

  private static final int MAX_PORT = 65_535;
  private static final int MAX_BATCH_ROWS = 10_000;
  /** Polling a file faster than this buys nothing and costs a read each time. */
  private static final long MIN_RULES_RELOAD_MS = 100;

  private ConfigValidator() {
  }

  static void validate(AppConfig c) {
    List<String> errors = new ArrayList<>();
    KafkaConfig k = c.kafka();
    if (k.topics().isEmpty()) {
      errors.add("kafka.topics: at least one topic");
    }
    if (!k.embedded() && (k.bootstrapServers() == null || k.bootstrapServers().isBlank())) {
      errors.add("kafka.bootstrapServers: required unless kafka.embedded");
    }
    if (k.dlqSuffix() == null || k.dlqSuffix().isEmpty()) {
      errors.add("kafka.dlqSuffix: must not be empty");
    }
    positive(errors, "kafka.partitions", k.partitions());
    port(errors, "http.port", c.http().port());
    port(errors, "cluster.port", c.cluster().port());
    positive(errors, "cluster.portCount", c.cluster().portCount());
    positive(errors, "cluster.minMembers", c.cluster().minMembers());
    if (c.ingest().rebuildDays() < 0) {
      errors.add("ingest.rebuildDays: 0 (everything kept) or a number of days");
    }
    if (c.cluster().backupCount() < 0 || c.cluster().backupCount() > 6) {
      errors.add("cluster.backupCount: 0-6");
    }
    IngestConfig i = c.ingest();
    positive(errors, "ingest.instances", i.instances());
    positive(errors, "ingest.maxInFlightBatches", i.maxInFlightBatches());
    positive(errors, "ingest.maxPendingEvents", i.maxPendingEvents());
    positive(errors, "ingest.maxPollRecords", i.maxPollRecords());
    if (i.dedupRetentionDays() < 7) {
      errors.add("ingest.dedupRetentionDays: the contract asks for at least 7");
    }
    IndicatorConfig ind = c.indicators();
    try {
      ZoneId.of(ind.zone());
    } catch (DateTimeException | NullPointerException e) {
      errors.add("indicators.zone: not a time zone (" + ind.zone() + ")");
    }
    if (ind.nationalInventionGrantRate() <= 0 || ind.nationalInventionGrantRate() >= 1) {
      errors.add("indicators.nationalInventionGrantRate: between 0 and 1");
    }
    for (AuthConfig.TokenConfig t : c.auth().tokens()) {
      if (t.token() == null || t.token().length() < 16) {
        errors.add("auth.tokens: token of " + t.name() + " must have at least 16 characters");
      }
      if (!validRole(t.role())) {
        errors.add("auth.tokens: role of " + t.name() + " must be city, display, ingest or district:<code> (" + t.role() + ")");
      }
    }
    AlertConfig al = c.alerts();
    if (al.enabled()) {
      positive(errors, "alerts.evaluateIntervalMs", al.evaluateIntervalMs());
      positive(errors, "alerts.keepResolvedDays", al.keepResolvedDays());
      if (al.clearForMs() < 0) {
        errors.add("alerts.clearForMs: must not be negative");
      }
      positive(errors, "alerts.escalateAfterMs", al.escalateAfterMs());
      if (al.rulesReloadMs() < MIN_RULES_RELOAD_MS) {
        errors.add("alerts.rulesReloadMs: at least " + MIN_RULES_RELOAD_MS + " (a file is not watched faster)");
      }
      if (al.topic() == null || al.topic().isBlank()) {
        errors.add("alerts.topic: required");
      }
      positive(errors, "alerts.webhook.maxAttempts", al.webhook().maxAttempts());
      positive(errors, "alerts.webhook.initialBackoffMs", al.webhook().initialBackoffMs());
      positive(errors, "alerts.webhook.timeoutMs", al.webhook().timeoutMs());
      if (al.webhook().maxBackoffMs() < al.webhook().initialBackoffMs()) {
        errors.add("alerts.webhook.maxBackoffMs: at least initialBackoffMs");
      }
    }
    LiveConfig lv = c.live();
    if (lv.enabled()) {
      positive(errors, "live.snapshotIntervalMs", lv.snapshotIntervalMs());
      positive(errors, "live.heartbeatSnapshots", lv.heartbeatSnapshots());
      positive(errors, "live.replayBuffer", lv.replayBuffer());
      positive(errors, "live.maxQueuedMessages", lv.maxQueuedMessages());
      positive(errors, "live.writeQueueBytes", lv.writeQueueBytes());
      positive(errors, "live.authTimeoutMs", lv.authTimeoutMs());
      positive(errors, "live.maxChannels", lv.maxChannels());
      positive(errors, "live.maxConnections", lv.maxConnections());
      positive(errors, "live.maxAlertsInSnapshot", lv.maxAlertsInSnapshot());
      if (lv.maxFrameBytes() < 1024) {
        errors.add("live.maxFrameBytes: at least 1024");
      }
    }
    HistoryConfig h = c.history();
    if (h.enabled()) {
      if (h.poolSize() <= h.maxInFlightBatches()) {
        errors.add("history.poolSize: must exceed history.maxInFlightBatches (queries need connections too)");
      }
      if (h.batchRows() < 1 || h.batchRows() > MAX_BATCH_ROWS) {
        errors.add("history.batchRows: 1-" + MAX_BATCH_ROWS);
      }
      if (!h.embedded() && (h.host() == null || h.host().isBlank() || h.port() <= 0)) {
        errors.add("history.host and history.port: required unless history.embedded");
      }
      try {
        ZoneId.of(h.zone());
      } catch (DateTimeException | NullPointerException e) {
        errors.add("history.zone: not a time zone (" + h.zone() + ")");
      }
      if (h.timescale().refreshWindowDays() >= h.timescale().retentionDays()) {
        errors.add("history.timescale.refreshWindowDays: must stay below retentionDays, or a refresh erases rollups");
      }
    }
    SimulatorConfig s = c.simulator();
    if (s.enabled() && (s.patentAgencies() < 0 || s.trademarkAgencies() < 0 || s.backfillDays() < 0
        || s.backfillDays() > 366 || s.scale() <= 0)) {
      errors.add("simulator: agencies >= 0, backfillDays 0-366, scale > 0");
    }
    if (!errors.isEmpty()) {
      throw new ConfigException("invalid configuration: " + String.join("; ", errors));
    }
  }

  static boolean validRole(String role) {
    if (role == null) {
      return false;
    }
    if (role.equals("city") || role.equals("display") || role.equals("ingest")) {
      return true;
    }
    return role.startsWith("district:") && Districts.isValid(role.substring("district:".length()));
  }

  private static void positive(List<String> errors, String name, long v) {
    if (v <= 0) {
      errors.add(name + ": must be positive");
    }
  }

  private static void port(List<String> errors, String name, int v) {
    if (v < 0 || v > MAX_PORT) {
      errors.add(name + ": 0-65535");
    }
  }
}
