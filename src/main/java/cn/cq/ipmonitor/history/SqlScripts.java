package cn.cq.ipmonitor.history;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SQL resources under {@code db/}: a folder's scripts in the order its {@code INDEX} file lists them (a class
 * path cannot be listed reliably inside a shaded jar), with {@code ${name}} placeholders filled in from
 * settings. Placeholders only ever receive validated numbers, zone ids and SQL generated from
 * {@link HistoryCounters}, never request input.
 */
final class SqlScripts {

  /** One script: its name (the version recorded once it is applied) and its SQL. */
  record Script(String name, String sql) {
  }

  private static final String ROOT = "db/";

  private SqlScripts() {
  }

  /** The scripts of {@code folder} in INDEX order, placeholders filled. */
  static List<Script> load(String folder, Map<String, String> values) {
    List<Script> scripts = new ArrayList<>();
    for (String line : read(ROOT + folder + "/INDEX").split("\n")) {
      String name = line.strip();
      if (!name.isEmpty() && !name.startsWith("#")) {
        scripts.add(new Script(name, fill(read(ROOT + folder + "/" + name + ".sql"), values, name)));
      }
    }
    return scripts;
  }

  /** One script that is not versioned (re-applied at every start). */
  static Script one(String folder, String name, Map<String, String> values) {
    return new Script(name, fill(read(ROOT + folder + "/" + name + ".sql"), values, name));
  }

  static String fill(String sql, Map<String, String> values, String name) {
    String out = sql;
    for (Map.Entry<String, String> e : values.entrySet()) {
      out = out.replace("${" + e.getKey() + "}", e.getValue());
    }
    int left = out.indexOf("${");
    if (left >= 0) {
      throw new IllegalStateException("SQL script " + name + " has an unknown placeholder at "
          + out.substring(left, Math.min(out.length(), left + 40)));
    }
    return out;
  }

  private static String read(String resource) {
    try (InputStream in = SqlScripts.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resource, e);
    }
  }
}
