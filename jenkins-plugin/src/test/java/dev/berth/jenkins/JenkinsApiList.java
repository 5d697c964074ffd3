package dev.berth.jenkins;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * The Jenkins signatures Berth compiles against, as {@code javap -protected -s -constants} prints them from the
 * shim (JENKINS.md §5.3), and the check that every Jenkins member {@code berth.jar} references is on that list with
 * the same kind (interface or class) and static-ness.
 */
final class JenkinsApiList {

  static final String CORE_SOURCE = "jenkinsci/jenkins core/src/main/java/%s.java @ jenkins-2.479.3";
  static final String STEPS_SOURCE =
      "jenkinsci/workflow-step-api-plugin src/main/java/%s.java @ workflow-step-api-2.24 (unchanged since)";

  /** Jenkins-side packages: anything Berth references there must be on the list or in {@link #THIRD_PARTY}. */
  static final List<String> JENKINS_PACKAGES =
      List.of("hudson/", "jenkins/", "org/jenkinsci/", "org/kohsuke/", "com/google/common/", "net/java/sezpoz/");

  /** Central types the shim takes unchanged; Berth may name them, nothing else from their libraries. */
  static final Set<String> THIRD_PARTY = Set.of(
      "org/kohsuke/stapler/HttpResponse",
      "org/kohsuke/stapler/DataBoundConstructor",
      "org/kohsuke/stapler/DataBoundSetter",
      "org/kohsuke/stapler/QueryParameter",
      "org/kohsuke/stapler/verb/GET",
      "org/kohsuke/stapler/verb/POST",
      "org/kohsuke/stapler/interceptor/RequirePOST",
      "com/google/common/util/concurrent/FutureCallback");

  private static final Set<String> OBJECT_METHODS = Set.of(
      "toString:()Ljava/lang/String;", "hashCode:()I", "equals:(Ljava/lang/Object;)Z", "getClass:()Ljava/lang/Class;");

  private static final Pattern HEADER =
      Pattern.compile("^(.*?)\\b(class|interface|enum) ([\\w.$]+)(?: extends ([^{]*?))?(?: implements ([^{]*?))? \\{$");
  private static final Pattern REFERENCE = Pattern.compile(
      "\\b(invoke\\w+|[gp]et(?:static|field))\\s+#\\d+(?:,\\s*\\d+)?\\s+// (Method|InterfaceMethod|Field) "
          + "(?:([\\w/$]+)\\.)?(\"?[\\w<>$]+\"?):(\\S+)");
  private static final Pattern CLASS_REFERENCE = Pattern.compile("// class ([\\w/$]+)$");

  /** One type on the list. */
  record ApiType(String name, boolean isInterface, List<String> supers, Set<String> members, Set<String> statics) {}

  private final Map<String, ApiType> types;

  private JenkinsApiList(Map<String, ApiType> types) {
    this.types = types;
  }

  /** Prints the list for the shim classes under {@code root}: one javap block per class, its upstream named. */
  static String ofShim(Path root) throws IOException {
    List<String> classes;
    if (Files.isDirectory(root)) {
      try (Stream<Path> files = Files.walk(root)) {
        classes = files.map(p -> root.relativize(p).toString()).filter(p -> p.endsWith(".class")).toList();
      }
    } else {
      try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(root.toFile())) {
        classes = jar.stream().map(java.util.zip.ZipEntry::getName).filter(p -> p.endsWith(".class")).toList();
      }
    }
    classes = classes.stream().map(p -> p.substring(0, p.length() - ".class".length())).sorted().toList();
    StringBuilder out = new StringBuilder();
    for (String c : classes) {
      String outer = c.contains("$") ? c.substring(0, c.indexOf('$')) : c;
      String source = outer.startsWith("org/jenkinsci/") ? STEPS_SOURCE : CORE_SOURCE;
      out.append("# ").append(String.format(source, outer)).append('\n');
      String javap = run(List.of("-protected", "-s", "-constants", "-cp", root.toString(), c.replace('/', '.')));
      javap.lines().filter(l -> !l.startsWith("Compiled from")).forEach(l -> out.append(l).append('\n'));
    }
    return out.toString();
  }

  /** Reads a list printed by {@link #ofShim}. */
  static JenkinsApiList parse(String text) {
    Map<String, ApiType> types = new HashMap<>();
    List<String> lines = text.lines().filter(l -> !l.startsWith("#")).toList();
    ApiType current = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!line.startsWith(" ") && line.endsWith("{")) {
        Matcher h = HEADER.matcher(stripGenerics(line));
        if (!h.matches()) {
          throw new IllegalArgumentException("unreadable javap header: " + line);
        }
        String name = h.group(3).replace('.', '/');
        List<String> supers = new ArrayList<>();
        for (String group : new String[] {h.group(4), h.group(5)}) {
          if (group != null) {
            for (String s : group.split(",")) {
              supers.add(s.trim().replace('.', '/'));
            }
          }
        }
        current = new ApiType(name, h.group(2).equals("interface"), supers, new HashSet<>(), new HashSet<>());
        types.put(name, current);
      } else if (line.trim().startsWith("descriptor: ") && current != null) {
        String declaration = stripGenerics(lines.get(i - 1).trim());
        String descriptor = line.trim().substring("descriptor: ".length());
        String name;
        int paren = declaration.indexOf('(');
        if (paren >= 0) {
          String head = declaration.substring(0, paren);
          name = head.substring(head.lastIndexOf(' ') + 1);
          if (name.replace('.', '/').equals(current.name())) {
            name = "<init>";
          }
        } else {
          String head = declaration.replaceFirst(" = .*$", "").replaceFirst(";$", "");
          name = head.substring(head.lastIndexOf(' ') + 1);
        }
        String key = name + ":" + descriptor;
        current.members().add(key);
        if ((" " + declaration).contains(" static ")) {
          current.statics().add(key);
        }
      }
    }
    return new JenkinsApiList(types);
  }

  /**
   * Checks every Jenkins-side reference in {@code javap -c -p} output of Berth's classes; adds one line per
   * problem and returns how many references were checked.
   */
  int checkReferences(String javap, List<String> problems) {
    int checked = 0;
    String current = null;
    for (String line : javap.lines().toList()) {
      if (!line.startsWith(" ") && line.endsWith("{")) {
        Matcher h = HEADER.matcher(stripGenerics(line));
        if (h.matches()) {
          current = h.group(3).replace('.', '/');
          boolean isInterface = h.group(2).equals("interface");
          for (int g = 4; g <= 5; g++) {
            if (h.group(g) == null) {
              continue;
            }
            // An interface "extends" interfaces; a class extends a class and implements interfaces.
            boolean wantInterface = isInterface || g == 5;
            for (String s : h.group(g).split(",")) {
              String sup = s.trim().replace('.', '/');
              if (jenkins(sup)) {
                checked++;
                checkType(current, sup, wantInterface, problems);
              }
            }
          }
        }
        continue;
      }
      Matcher r = REFERENCE.matcher(line);
      if (r.find()) {
        String owner = r.group(3) == null ? current : r.group(3);
        if (!jenkins(owner)) {
          continue;
        }
        checked++;
        String opcode = r.group(1);
        String key = r.group(4).replace("\"", "") + ":" + r.group(5);
        boolean wantStatic = opcode.equals("invokestatic") || opcode.endsWith("static");
        String where = current + " -> " + owner + "." + key;
        if (THIRD_PARTY.contains(owner)) {
          problems.add(where + ": members of " + owner + " are not used by Berth; add it to the shim first");
          continue;
        }
        ApiType type = types.get(owner);
        if (type == null) {
          problems.add(where + ": " + owner + " is not on the Jenkins API list");
          continue;
        }
        if (r.group(2).equals("InterfaceMethod") != type.isInterface() && !r.group(2).equals("Field")) {
          problems.add(where + ": referenced as " + r.group(2) + " but is " + (type.isInterface() ? "an interface" : "a class"));
        }
        ApiType declaring = resolve(owner, key, new LinkedHashSet<>());
        if (declaring == null) {
          if (!OBJECT_METHODS.contains(key) && !reachesJdk(owner, new HashSet<>())) {
            problems.add(where + ": no such member on the list (nor on its supertypes)");
          }
        } else if (declaring.statics().contains(key) != wantStatic) {
          problems.add(where + ": " + opcode + " but the member is " + (wantStatic ? "not " : "") + "static");
        }
        continue;
      }
      Matcher c = CLASS_REFERENCE.matcher(line.trim());
      if (c.find() && jenkins(c.group(1))) {
        checked++;
        if (!types.containsKey(c.group(1)) && !THIRD_PARTY.contains(c.group(1))) {
          problems.add(current + " -> class " + c.group(1) + ": not on the Jenkins API list");
        }
      }
    }
    return checked;
  }

  private void checkType(String from, String type, boolean wantInterface, List<String> problems) {
    if (THIRD_PARTY.contains(type)) {
      return;
    }
    ApiType t = types.get(type);
    if (t == null) {
      problems.add(from + " -> supertype " + type + ": not on the Jenkins API list");
    } else if (t.isInterface() != wantInterface) {
      problems.add(from + " -> supertype " + type + ": used as " + (wantInterface ? "an interface" : "a class"));
    }
  }

  private ApiType resolve(String owner, String key, Set<String> seen) {
    ApiType t = types.get(owner);
    if (t == null || !seen.add(owner)) {
      return null;
    }
    if (t.members().contains(key)) {
      return t;
    }
    for (String sup : t.supers()) {
      ApiType found = resolve(sup, key, seen);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** Whether a JDK type (TreeMap, IOException …) is among the supertypes: its members are not listed. */
  private boolean reachesJdk(String owner, Set<String> seen) {
    ApiType t = types.get(owner);
    if (t == null || !seen.add(owner)) {
      return false;
    }
    for (String sup : t.supers()) {
      if (sup.startsWith("java/") && !sup.startsWith("java/lang/annotation/")) {
        return true;
      }
      if (reachesJdk(sup, seen)) {
        return true;
      }
    }
    return false;
  }

  static boolean jenkins(String internalName) {
    return JENKINS_PACKAGES.stream().anyMatch(internalName::startsWith);
  }

  static String stripGenerics(String s) {
    String out = s;
    String previous;
    do {
      previous = out;
      out = out.replaceAll("<[^<>]*>", "");
    } while (!out.equals(previous));
    return out;
  }

  static String run(List<String> args) {
    ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow(() ->
        new IllegalStateException("javap is not available; run the tests on a JDK, not a JRE"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = javap.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
    if (code != 0) {
      throw new UncheckedIOException(new IOException("javap " + args + " exited " + code + ": " + err));
    }
    return out.toString();
  }
}
