package cn.cq.ipmonitor.broker;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one-time KRaft storage format (what {@code kafka-storage.sh format} does) of a broker's data directory. */
final class StorageFormat {

  private static final Logger LOG = LoggerFactory.getLogger(StorageFormat.class);

  /** Written by the format; its presence means the directory already belongs to a cluster. */
  static final String META_PROPERTIES = "meta.properties";

  private StorageFormat() {
  }

  static boolean isFormatted(Path dataDir) {
    return Files.isRegularFile(dataDir.resolve(META_PROPERTIES));
  }

  /**
   * Formats {@code dataDir} as the log and metadata directory of a new single-node cluster with a static
   * quorum (kraft.version 0), at the newest production metadata version.
   */
  static void format(Path dataDir, int nodeId, String controllerListener) throws Exception {
    String clusterId = Uuid.randomUuid().toString();
    // The formatter writes progress lines to a stream: route them to the log rather than to stdout.
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      new Formatter()
          .setPrintStream(printStream)
          .setNodeId(nodeId)
          .setClusterId(clusterId)
          .setDirectories(List.of(dataDir.toString()))
          .setMetadataLogDirectory(dataDir.toString())
          .setControllerListenerName(controllerListener)
          .setReleaseVersion(MetadataVersion.latestProduction())
          .run();
    }
    LOG.info("Formatted Kafka storage in {} for cluster {}", dataDir, clusterId);
    LOG.debug("Formatter output: {}", output.toString(StandardCharsets.UTF_8).trim());
  }
}
