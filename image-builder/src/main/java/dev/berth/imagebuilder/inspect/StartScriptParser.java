package dev.berth.imagebuilder.inspect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a shell start script far enough to know the java command it runs: assignments, {@code $(dirname $0)},
 * {@code cd}, {@code cd ..; pwd}, files sourced inside the input, {@code exec} and {@code nohup}. Anything else
 * before the java command is reported as unresolved with its line number (LOW confidence, DETECTION.md §2.4).
 * The input folder is mapped to {@code /app}, so every path comes out as it will be in the image.
 */
public final class StartScriptParser {

  /** Where the input folder lives in the image. */
  public static final String APP = "/app";

  private static final Pattern CD_PWD = Pattern.compile(
      "\\$\\(\\s*cd\\s+\"?(?:\\$\\(\\s*dirname\\s+\"?\\$0\"?\\s*\\)|`dirname\\s+\"?\\$0\"?`)([^\"&;)]*)\"?\\s*"
          + "(?:&&|;)\\s*pwd(?:\\s+-P)?\\s*\\)");
  private static final Pattern DIRNAME = Pattern.compile(
      "\\$\\(\\s*dirname\\s+\"?\\$(?:0|\\{0\\})\"?\\s*\\)|`dirname\\s+\"?\\$0\"?`");
  private static final Pattern VARIABLE = Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)\\}|([A-Za-z_][A-Za-z0-9_]*)"
      + "|([@*#?!$0-9]))");
  private static final Pattern FOR_JARS = Pattern.compile(
      "(?s)^for\\s+([A-Za-z_]\\w*)\\s+in\\s+(\"?[^\\s;]*\\*\\.jar\"?)\\s*;?\\s*do\\s*;?(.*?);?\\s*done\\s*;?$");
  private static final Pattern ASSIGNMENT = Pattern.compile("^(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$");
  private static final Set<String> IGNORED = Set.of("echo", "mkdir", "rm", "kill", "sleep", "set", "umask", "trap",
      "ulimit", "printf", "true", ":", "touch", "chmod", "shift", "unset", "export", "local", "readonly");
  private static final Set<String> CONTROL = Set.of("if", "then", "else", "elif", "fi", "case", "esac", "for",
      "while", "until", "do", "done", "function", "select", "{", "}");

  private final Path root;
  private final Map<String, String> variables = new HashMap<>();
  private final List<String> lines = new ArrayList<>();
  private final List<String> removed = new ArrayList<>();
  private final List<String> unresolved = new ArrayList<>();
  private final Set<String> unset = new LinkedHashSet<>();
  private final Deque<Path> sourcing = new ArrayDeque<>();
  private String workdir;
  private List<String> javaArgs = List.of();
  private int javaLine;
  private int unresolvedLine;

  private StartScriptParser(Path root) {
    this.root = root;
  }

  /** Parses {@code script} (a file inside {@code root}). */
  public static StartCommand parse(Path root, Path script) throws IOException {
    StartScriptParser p = new StartScriptParser(root);
    String rel = rel(root, script);
    String dir = resolve(APP, rel.contains("/") ? rel.substring(0, rel.lastIndexOf('/')) : ".");
    p.workdir = dir;
    p.variables.put("0", APP + "/" + rel);
    p.read(script, true);
    return new StartCommand(rel, p.javaLine, p.lines, p.workdir, p.javaArgs, p.removed, p.unresolved,
        List.copyOf(p.unset), p.unresolvedLine);
  }

  /** Whether {@code file} looks like a shell script: {@code *.sh}, or a shebang naming a shell. */
  public static boolean isShellScript(Path file) {
    String n = file.getFileName().toString();
    if (n.endsWith(".sh")) {
      return true;
    }
    if (n.contains(".")) {
      return false;
    }
    try (var in = Files.newInputStream(file)) {
      String head = new String(in.readNBytes(64), StandardCharsets.ISO_8859_1);
      return head.startsWith("#!") && head.lines().findFirst().orElse("").matches("#!.*\\b(sh|bash|dash|ksh)\\b.*");
    } catch (IOException e) {
      return false;
    }
  }

  /** {@code path} against {@code dir} (both under {@code /app}), normalized; absolute paths are kept. */
  public static String resolve(String dir, String path) {
    String p = path.startsWith("/") ? path : dir + "/" + path;
    Deque<String> parts = new ArrayDeque<>();
    for (String s : p.split("/")) {
      if (s.isEmpty() || s.equals(".")) {
        continue;
      }
      if (s.equals("..")) {
        if (!parts.isEmpty()) {
          parts.removeLast();
        }
      } else {
        parts.addLast(s);
      }
    }
    return "/" + String.join("/", parts);
  }

  private void read(Path script, boolean main) throws IOException {
    sourcing.push(script);
    List<String> physical = Files.readAllLines(script, StandardCharsets.UTF_8);
    for (int i = 0; i < physical.size(); i++) {
      int number = i + 1;
      StringBuilder logical = new StringBuilder(physical.get(i));
      while (logical.toString().endsWith("\\") && i + 1 < physical.size()) {
        logical.setLength(logical.length() - 1);
        logical.append(' ').append(physical.get(++i).trim());
      }
      String line = logical.toString().trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("for ") && javaLine == 0) {
        StringBuilder loop = new StringBuilder(line);
        while (!loop.toString().matches("(?s).*\\bdone\\s*;?\\s*$") && i + 1 < physical.size()) {
          loop.append("; ").append(physical.get(++i).trim());
        }
        forLoop(loop.toString(), number, line, main);
        continue;
      }
      for (String command : splitCommands(line)) {
        command(command.trim(), number, line, main);
      }
    }
    sourcing.pop();
  }

  private void command(String command, int number, String line, boolean main) throws IOException {
    if (command.isEmpty()) {
      return;
    }
    String shown = number + ": " + line;
    boolean beforeJava = javaLine == 0;
    Matcher assignment = ASSIGNMENT.matcher(command);
    String first = command.split("\\s+")[0];
    if (assignment.matches() && !command.contains(" java ")) {
      if (!beforeJava) {
        return;
      }
      // CP=$CP:x with CP unset is the usual idiom, not a missing setting.
      variables.putIfAbsent(assignment.group(1), "");
      String value = expand(assignment.group(2), shown);
      if (value == null) {
        return;
      }
      variables.put(assignment.group(1), unquote(value));
      lines.add(shown);
      return;
    }
    if (CONTROL.contains(first)) {
      if (beforeJava) {
        unresolved(shown, number);
      }
      return;
    }
    if (first.equals(".") || first.equals("source")) {
      String expanded = beforeJava ? expand(command.substring(first.length()).trim(), shown) : null;
      if (expanded == null) {
        return;
      }
      String target = resolve(workdir, unquote(expanded));
      Path file = root.resolve(target.substring(APP.length() + (target.equals(APP) ? 0 : 1)));
      if (target.startsWith(APP + "/") && Files.isRegularFile(file) && !sourcing.contains(file)) {
        lines.add(shown);
        read(file, false);
      } else {
        unresolved(shown, number);
      }
      return;
    }
    if (first.equals("cd")) {
      if (!beforeJava) {
        return;
      }
      String expanded = expand(command.substring(2).trim(), shown);
      if (expanded != null) {
        String to = unquote(expanded);
        workdir = resolve(workdir, to.isEmpty() ? APP : to);
        removed.add("cd " + to);
        lines.add(shown);
      }
      return;
    }
    if (IGNORED.contains(first)) {
      if (command.contains("$!") && command.contains(">")) {
        removed.add("pid file " + command.substring(command.lastIndexOf('>') + 1).trim());
      }
      return;
    }
    String expanded = expand(command, shown);
    if (expanded == null) {
      return;
    }
    List<String> tokens = tokenize(expanded);
    List<String> prefix = new ArrayList<>();
    while (!tokens.isEmpty() && (tokens.get(0).equals("exec") || tokens.get(0).equals("nohup"))) {
      prefix.add(tokens.remove(0));
    }
    if (tokens.isEmpty() || !(tokens.get(0).equals("java") || tokens.get(0).endsWith("/java"))) {
      if (beforeJava && main) {
        unresolved(shown, number);
      }
      return;
    }
    if (!beforeJava) {
      return; // a second java command (a status check, a tool): the first one starts the app
    }
    for (String p : prefix) {
      if (p.equals("nohup")) {
        removed.add("nohup");
      }
    }
    if (!tokens.get(0).equals("java")) {
      removed.add("java path " + tokens.get(0) + " (the image's java is on PATH)");
    }
    List<String> args = new ArrayList<>();
    for (int i = 1; i < tokens.size(); i++) {
      String t = tokens.get(i);
      if (t.equals("&")) {
        removed.add("& (background)");
      } else if (t.matches("\\d?>>?|&>|<") && i + 1 < tokens.size()) {
        removed.add("redirect " + t + " " + tokens.get(++i));
      } else if (t.matches("\\d?>>?&\\d|\\d?>>?\\S+|<\\S+")) {
        removed.add("redirect " + t);
      } else {
        args.add(t);
      }
    }
    javaArgs = args;
    javaLine = number;
    lines.add(shown);
  }

  /**
   * {@code for f in dir/*.jar; do CP=$CP:$f; done}: the body runs once with the loop variable standing for the
   * classpath wildcard {@code dir/*}, which is what such loops build. Any other loop is unresolved.
   */
  private void forLoop(String loop, int number, String line, boolean main) throws IOException {
    Matcher m = FOR_JARS.matcher(loop);
    String shown = number + ": " + line;
    if (!m.matches()) {
      unresolved(shown, number);
      return;
    }
    String glob = expand(m.group(2), shown);
    if (glob == null) {
      return;
    }
    glob = unquote(glob);
    variables.put(m.group(1), glob.substring(0, glob.length() - ".jar".length()));
    lines.add(shown);
    for (String command : splitCommands(m.group(3))) {
      command(command.trim(), number, line, main);
    }
    variables.remove(m.group(1));
  }

  private void unresolved(String shown, int number) {
    unresolved.add(shown);
    if (unresolvedLine == 0) {
      unresolvedLine = number;
    }
  }

  /** Resolves {@code $(dirname $0)} forms and variables; null (and an unresolved line) for any other {@code $(…)}. */
  private String expand(String text, String shown) {
    // The script's own arguments ("$@") are empty in a container start: dropped, not an empty argument.
    String t = text.replaceAll("\"\\$[@*]\"|\\$[@*]", "");
    t = CD_PWD.matcher(t).replaceAll(m -> Matcher.quoteReplacement(
        resolve(resolve(APP, variables.get("0") + "/.."), "." + m.group(1))));
    t = DIRNAME.matcher(t).replaceAll(Matcher.quoteReplacement(resolve(APP, variables.get("0") + "/..")));
    if (t.contains("$(") || t.contains("`")) {
      if (javaLine == 0) {
        unresolved(shown, Integer.parseInt(shown.substring(0, shown.indexOf(':'))));
      }
      return null;
    }
    StringBuilder out = new StringBuilder();
    Matcher m = VARIABLE.matcher(t);
    int last = 0;
    boolean single = false;
    while (m.find()) {
      out.append(t, last, m.start());
      single ^= count(t, last, m.start(), '\'') % 2 == 1;
      last = m.end();
      if (single) {
        out.append(m.group());
        continue;
      }
      String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      String value = variables.get(name);
      if (value == null) {
        if (!name.matches("[@*#?!$0-9]")) {
          unset.add(name);
        }
        value = "";
      }
      out.append(value);
    }
    out.append(t.substring(last));
    return out.toString();
  }

  private static int count(String s, int from, int to, char c) {
    int n = 0;
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == c) {
        n++;
      }
    }
    return n;
  }

  /** Splits on {@code ;} and {@code &&} outside quotes and {@code $(…)}. */
  static List<String> splitCommands(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    char quote = 0;
    int depth = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '(' && i > 0 && line.charAt(i - 1) == '$') {
        depth++;
      } else if (c == ')' && depth > 0) {
        depth--;
      } else if (depth == 0 && (c == ';' || (c == '&' && i + 1 < line.length() && line.charAt(i + 1) == '&'))) {
        out.add(cur.toString());
        cur.setLength(0);
        if (c == '&') {
          i++;
        }
        continue;
      }
      cur.append(c);
    }
    out.add(cur.toString());
    return out;
  }

  /** Shell words: quotes removed, {@code &} and redirections as their own tokens. */
  static List<String> tokenize(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean any = false;
    char quote = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          cur.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        any = true;
      } else if (Character.isWhitespace(c)) {
        if (any || cur.length() > 0) {
          out.add(cur.toString());
        }
        cur.setLength(0);
        any = false;
      } else if (c == '&' && (i + 1 >= s.length() || s.charAt(i + 1) != '>')
          && (cur.length() == 0 || !cur.toString().endsWith(">"))) {
        if (cur.length() > 0) {
          out.add(cur.toString());
          cur.setLength(0);
        }
        out.add("&");
        any = false;
      } else {
        cur.append(c);
      }
    }
    if (any || cur.length() > 0) {
      out.add(cur.toString());
    }
    return out;
  }

  private static String unquote(String s) {
    List<String> t = tokenize(s);
    return String.join(" ", t);
  }

  private static String rel(Path root, Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }
}
