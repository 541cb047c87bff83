package cn.cq.ipmonitor.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads configuration in three layers, each overriding the one before: the defaults bundled in the jar
 * ({@code ipmonitor-defaults.json}), an optional JSON file, and environment variables. An environment variable
 * {@code IPMON_<SECTION>__<KEY>} sets one key, matched case-insensitively (e.g.
 * {@code IPMON_KAFKA__BOOTSTRAPSERVERS=broker1:9092}); its value is read as JSON when it parses
 * (numbers, booleans, arrays) and as a string otherwise. Unknown keys and wrong types are errors that name
 * the setting, so a typo never silently falls back to a default.
 */
public final class ConfigLoader {

  public static final String DEFAULTS = "ipmonitor-defaults.json";
  public static final String ENV_PREFIX = "IPMON_";
  private static final String ENV_SEPARATOR = "__";
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

  private ConfigLoader() {
  }

  public static AppConfig load(Path file, Map<String, String> env) {
    ObjectNode tree = defaults();
    if (file != null) {
      try {
        JsonNode user = JSON.readTree(Files.readAllBytes(file));
        if (!(user instanceof ObjectNode obj)) {
          throw new ConfigException(file + ": must hold a JSON object");
        }
        merge(tree, obj, "");
      } catch (JsonProcessingException e) {
        throw new ConfigException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
      } catch (IOException e) {
        throw new ConfigException(file + ": cannot be read: " + e.getMessage(), e);
      }
    }
    applyEnv(tree, env);
    return bind(tree);
  }

  /** The bundled defaults with {@code overrides} merged in (tests use this). */
  public static AppConfig withOverrides(JsonNode overrides) {
    ObjectNode tree = defaults();
    merge(tree, (ObjectNode) overrides, "");
    return bind(tree);
  }

  static ObjectNode defaults() {
    try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
      if (in == null) {
        throw new ConfigException(DEFAULTS + " missing from the class path");
      }
      return (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new ConfigException(DEFAULTS + ": " + e.getMessage(), e);
    }
  }

  private static AppConfig bind(ObjectNode tree) {
    try {
      AppConfig cfg = JSON.treeToValue(tree, AppConfig.class);
      ConfigValidator.validate(cfg);
      return cfg;
    } catch (JsonMappingException e) {
      String path = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
          .collect(Collectors.joining(".")).replace(".[", "[");
      throw new ConfigException("configuration: " + (path.isEmpty() ? "" : path + ": ") + e.getOriginalMessage(), e);
    } catch (JsonProcessingException e) {
      throw new ConfigException("configuration: " + e.getOriginalMessage(), e);
    }
  }

  private static void merge(ObjectNode target, ObjectNode source, String path) {
    Iterator<Map.Entry<String, JsonNode>> it = source.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      JsonNode existing = target.get(key);
      if (existing == null) {
        throw new ConfigException("unknown setting " + path + key);
      }
      if (existing instanceof ObjectNode eo && e.getValue() instanceof ObjectNode so && !isFreeForm(path + key)) {
        merge(eo, so, path + key + ".");
      } else {
        target.set(key, e.getValue());
      }
    }
  }

  /** Sections whose keys are pass-through properties rather than known settings. */
  private static boolean isFreeForm(String path) {
    return path.equals("kafka.consumer") || path.equals("kafka.producer");
  }

  private static void applyEnv(ObjectNode tree, Map<String, String> env) {
    for (Map.Entry<String, String> e : env.entrySet()) {
      if (!e.getKey().startsWith(ENV_PREFIX) || !e.getKey().contains(ENV_SEPARATOR)) {
        continue;
      }
      String[] parts = e.getKey().substring(ENV_PREFIX.length()).split(ENV_SEPARATOR);
      List<String> resolved = new ArrayList<>();
      ObjectNode node = tree;
      for (int i = 0; i < parts.length; i++) {
        String key = findKey(node, parts[i], i == parts.length - 1 && isFreeForm(String.join(".", resolved)));
        if (key == null) {
          throw new ConfigException("environment variable " + e.getKey() + " names no setting");
        }
        resolved.add(key);
        if (i == parts.length - 1) {
          node.set(key, envValue(e.getValue()));
        } else if (node.get(key) instanceof ObjectNode child) {
          node = child;
        } else {
          throw new ConfigException("environment variable " + e.getKey() + ": " + key + " is not a section");
        }
      }
    }
  }

  private static String findKey(ObjectNode node, String envPart, boolean freeForm) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String n = names.next();
      if (n.equalsIgnoreCase(envPart) || n.replace(".", "_").equalsIgnoreCase(envPart)) {
        return n;
      }
    }
    return freeForm ? envPart.toLowerCase(Locale.ROOT).replace('_', '.') : null;
  }

  private static JsonNode envValue(String raw) {
    try {
      // The whole value must be JSON: '2026 monitor' is the string, not the number 2026.
      return JSON.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(raw);
    } catch (JsonProcessingException e) {
      return TextNode.valueOf(raw);
    }
  }
}
