package cn.cq.ipmonitor.config;

/** The whole configuration, read once at start by {@link ConfigLoader}. */
public record AppConfig(KafkaConfig kafka, ClusterConfig cluster, HttpConfig http, IngestConfig ingest,
                        IndicatorConfig indicators, AuthConfig auth, SimulatorConfig simulator,
                        HistoryConfig history, AlertConfig alerts, LiveConfig live) {

  public AppConfig withKafka(KafkaConfig k) {
    return new AppConfig(k, cluster, http, ingest, indicators, auth, simulator, history, alerts, live);
  }

  public AppConfig withAuth(AuthConfig a) {
    return new AppConfig(kafka, cluster, http, ingest, indicators, a, simulator, history, alerts, live);
  }

  public AppConfig withSimulator(SimulatorConfig s) {
    return new AppConfig(kafka, cluster, http, ingest, indicators, auth, s, history, alerts, live);
  }

  public AppConfig withAlerts(AlertConfig a) {
    return new AppConfig(kafka, cluster, http, ingest, indicators, auth, simulator, history, a, live);
  }

  public AppConfig withHistory(HistoryConfig h) {
    return new AppConfig(kafka, cluster, http, ingest, indicators, auth, simulator, h, alerts, live);
  }

  public AppConfig withLive(LiveConfig l) {
    return new AppConfig(kafka, cluster, http, ingest, indicators, auth, simulator, history, alerts, l);
  }
}
