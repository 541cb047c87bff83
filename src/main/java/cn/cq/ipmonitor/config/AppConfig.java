package cn.cq.ipmonitor.config;

/** The whole configuration, read once at start by {@link ConfigLoader}. */
public record AppConfig(KafkaConfig kafka, ClusterConfig cluster, HttpConfig http, IngestConfig ingest,
                        IndicatorConfig indicators, AuthConfig auth, SimulatorConfig simulator,
                        HistoryConfig history, AlertConfig alerts) {

  public AppConfig withKafka(KafkaConfig k) {
    return new AppConfig(k, cluster, http, ingest, indicators, auth, simulator, history, alerts);
  }

  public AppConfig withAuth(AuthConfig a) {
    return new AppConfig(kafka, cluster, http, ingest, indicators, a, simulator, history, alerts);
  }

  public AppConfig withSimulator(SimulatorConfig s) {
    return new AppConfig(kafka, cluster, http, ingest, indicators, auth, s, history, alerts);
  }

  public AppConfig withAlerts(AlertConfig a) {
    return new AppConfig(kafka, cluster, http, ingest, indicators, auth, simulator, history, a);
  }

  public AppConfig withHistory(HistoryConfig h) {
    return new AppConfig(kafka, cluster, http, ingest, indicators, auth, simulator, h, alerts);
  }
}
