package cn.cq.ipmonitor.alert;

import cn.cq.ipmonitor.indicator.Window;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Validates a rule file's tree, collecting every problem before failing. */
final class RuleParser {

  static final String RULES = "rules";
  private static final Set<String> COMMON = Set.of("name", "kind", "enabled", "window", "warning", "critical",
      "description");
  private static final String WINDOWS = Arrays.stream(Window.values()).map(w -> w.label)
      .collect(Collectors.joining(", "));

  private final List<String> problems = new ArrayList<>();

  private RuleParser() {
  }

  static List<RuleDefinition> parse(ObjectNode root) {
    RuleParser p = new RuleParser();
    List<RuleDefinition> rules = p.rules(root);
    if (!p.problems.isEmpty()) {
      throw new RuleSetException(p.problems);
    }
    return rules;
  }

  private List<RuleDefinition> rules(ObjectNode root) {
    root.fieldNames().forEachRemaining(f -> {
      if (!f.equals(RULES)) {
        problems.add("unknown top-level field '" + f + "'");
      }
    });
    JsonNode array = root.get(RULES);
    if (array == null || !array.isArray()) {
      problems.add("'" + RULES + "' must be an array of rules");
      return List.of();
    }
    List<RuleDefinition> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode n = array.get(i);
      String where = "rule #" + (i + 1);
      if (!n.isObject()) {
        problems.add(where + ": must be an object");
        continue;
      }
      String name = n.path("name").isTextual() && !n.get("name").asText().isBlank() ? n.get("name").asText() : null;
      if (name == null) {
        problems.add(where + ": field 'name' must be a non-empty string");
      } else {
        where = "rule '" + name + "'";
        if (!names.add(name)) {
          problems.add(where + ": duplicate name");
        }
      }
      RuleDefinition r = rule((ObjectNode) n, name, where);
      if (r != null) {
        out.add(r);
      }
    }
    return out;
  }

  /** One rule, or null when it has problems (which are recorded). */
  private RuleDefinition rule(ObjectNode n, String name, String where) {
    int before = problems.size();
    RuleKind kind = kind(n, name, where);
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!COMMON.contains(f) && (kind == null || kind.fields.stream().noneMatch(k -> k.json.equals(f)))) {
        boolean known = Arrays.stream(RuleKind.Field.values()).anyMatch(k -> k.json.equals(f));
        problems.add(where + ": field '" + f + "' " + (known && kind != null ? "is not used by kind " + kind
            : "is unknown"));
      }
    }
    boolean enabled = bool(n, "enabled", where);
    Window window = window(n, kind, where);
    Double warning = number(n, "warning", where, kind != null && kind.fraction);
    Double critical = number(n, "critical", where, kind != null && kind.fraction);
    Double minDenominator = number(n, RuleKind.Field.MIN_DENOMINATOR.json, where, false);
    Double minCount = number(n, RuleKind.Field.MIN_COUNT.json, where, false);
    Double warningFactor = number(n, RuleKind.Field.WARNING_MEDIAN_FACTOR.json, where, false);
    Double criticalFactor = number(n, RuleKind.Field.CRITICAL_MEDIAN_FACTOR.json, where, false);
    if (!n.has("warning") && !n.has("critical")) {
      problems.add(where + ": needs a 'warning' or a 'critical' threshold, or both");
    }
    if (warning != null && critical != null && warning > critical) {
      problems.add(where + ": field 'warning' (" + warning + ") is above field 'critical' (" + critical + ")");
    }
    if (warningFactor != null && criticalFactor != null && warningFactor > criticalFactor) {
      problems.add(where + ": field 'warningMedianFactor' (" + warningFactor
          + ") is above field 'criticalMedianFactor' (" + criticalFactor + ")");
    }
    JsonNode description = n.get("description");
    if (description != null && !description.isTextual()) {
      problems.add(where + ": field 'description' must be a string");
    }
    if (problems.size() > before) {
      return null;
    }
    return new RuleDefinition(name, kind, enabled, window, warning, critical, orZero(minDenominator),
        orZero(minCount), warningFactor, criticalFactor, description == null ? null : description.asText());
  }

  /** The kind named, or the rule's own name when that is a kind (so the defaults need not repeat it). */
  private RuleKind kind(ObjectNode n, String name, String where) {
    JsonNode k = n.get("kind");
    String label = k == null ? name : k.isTextual() ? k.asText() : null;
    if (label == null && k == null) {
      problems.add(where + ": field 'kind' is missing");
      return null;
    }
    for (RuleKind kind : RuleKind.values()) {
      if (kind.name().equals(label)) {
        return kind;
      }
    }
    problems.add(where + ": field 'kind' " + (k == null ? "is missing and '" + name + "' is not a kind"
        : "'" + k.asText() + "' is unknown") + " (kinds: " + Arrays.toString(RuleKind.values()) + ")");
    return null;
  }

  private Window window(ObjectNode n, RuleKind kind, String where) {
    JsonNode w = n.get("window");
    if (w == null) {
      return kind == null ? null : kind.defaultWindow;
    }
    Window window = null;
    for (Window c : Window.values()) {
      if (c.label.equals(w.asText()) && w.isTextual()) {
        window = c;
      }
    }
    if (window == null) {
      problems.add(where + ": field 'window' " + w + " is not a window (" + WINDOWS + ")");
    } else if (kind != null && !kind.windows.contains(window)) {
      problems.add(where + ": field 'window' " + window.label + " is not read by kind " + kind + " (allowed: "
          + kind.windows.stream().map(x -> x.label).sorted().collect(Collectors.joining(", ")) + ")");
    }
    return window;
  }

  private boolean bool(ObjectNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null) {
      return true;
    }
    if (!v.isBoolean()) {
      problems.add(where + ": field '" + field + "' must be true or false, not " + v);
      return true;
    }
    return v.booleanValue();
  }

  private Double number(ObjectNode n, String field, String where, boolean fraction) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber()) {
      problems.add(where + ": field '" + field + "' must be a number, not " + v);
      return null;
    }
    double d = v.doubleValue();
    if (d < 0 || !Double.isFinite(d)) {
      problems.add(where + ": field '" + field + "' must not be negative (" + v + ")");
    } else if (fraction && d > 1) {
      problems.add(where + ": field '" + field + "' is a fraction, at most 1 (" + v + ")");
    }
    return d;
  }

  private static double orZero(Double d) {
    return d == null ? 0 : d;
  }
}
