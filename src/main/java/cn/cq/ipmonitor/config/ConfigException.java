package cn.cq.ipmonitor.config;

/** Configuration that cannot be used, with the setting at fault. */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
