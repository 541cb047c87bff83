package cn.cq.ipmonitor.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The alert rules in force: immutable and validated. The file format is
 * {@code {"rules": [{"name", "kind", "enabled", "window", "warning", "critical", ...}]}}; see
 * {@code alert-rules.json} for the defaults and {@link RuleDefinition} for the fields.
 */
public final class RuleSet {

  /** The bundled defaults, on the class path. */
  public static final String RESOURCE = "alert-rules.json";
  static final ObjectMapper JSON = new ObjectMapper();

  private final List<RuleDefinition> rules;
  /** The validated source, kept so {@link #withOverrides} can patch rules field by field. */
  private final ObjectNode source;

  private RuleSet(List<RuleDefinition> rules, ObjectNode source) {
    this.rules = List.copyOf(rules);
    this.source = source;
  }

  public static RuleSet defaults() {
    try (InputStream in = RuleSet.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " missing from the class path");
      }
      return parse(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(RESOURCE + ": " + e.getMessage(), e);
    }
  }

  /** A complete rule set; throws {@link RuleSetException} listing every problem. */
  public static RuleSet parse(byte[] json) {
    ObjectNode root = readObject(json);
    return new RuleSet(RuleParser.parse(root), root.deepCopy());
  }

  /**
   * This rule set patched by a rule file: a rule named in {@code json} changes only the fields it gives (so
   * {@code {"rules":[{"name":"COMPLAINT_CLUSTER","enabled":false}]}} disables one rule) and a new name adds a
   * rule. The result is validated as a whole.
   */
  public RuleSet withOverrides(byte[] json) {
    ObjectNode patch = readObject(json);
    ObjectNode merged = source.deepCopy();
    ArrayNode target = (ArrayNode) merged.get(RuleParser.RULES);
    JsonNode patches = patch.get(RuleParser.RULES);
    if (patches != null && patches.isArray()) {
      for (JsonNode p : patches) {
        ObjectNode existing = p.isObject() ? find(target, p.path("name").asText(null)) : null;
        if (existing != null) {
          existing.setAll((ObjectNode) p);
        } else {
          target.add(p);
        }
      }
      patch.remove(RuleParser.RULES);
    }
    merged.setAll(patch); // unknown top-level fields then fail validation, as in a full file
    return new RuleSet(RuleParser.parse(merged), merged);
  }

  public List<RuleDefinition> rules() {
    return rules;
  }

  /** The rule of that name, or null. */
  public RuleDefinition rule(String name) {
    return rules.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
  }

  private static ObjectNode find(ArrayNode rules, String name) {
    for (JsonNode r : rules) {
      if (r.isObject() && name != null && name.equals(r.path("name").asText(null))) {
        return (ObjectNode) r;
      }
    }
    return null;
  }

  private static ObjectNode readObject(byte[] json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new RuleSetException(List.of("not JSON: " + e.getMessage()));
    }
    if (root == null || !root.isObject()) {
      throw new RuleSetException(List.of("the rule file must be a JSON object with a \"rules\" array"));
    }
    return (ObjectNode) root;
  }

  @Override
  public String toString() {
    return "RuleSet" + rules.stream().map(RuleDefinition::name).toList();
  }
}
