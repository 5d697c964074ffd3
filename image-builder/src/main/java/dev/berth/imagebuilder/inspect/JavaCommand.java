package dev.berth.imagebuilder.inspect;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code java} command line split into its parts: JVM options, classpath, {@code -jar} file or main class,
 * javaagents, and the app's own arguments.
 *
 * @param options JVM options in order ({@code -D…}, {@code -X…}), without classpath, agents and jar
 * @param classpath the {@code -cp}/{@code -classpath} value as written, or null
 * @param jar the {@code -jar} file as written, or null
 * @param mainClass the main class, or null
 * @param agents {@code -javaagent:} values as written ({@code path[=options]})
 * @param appArgs arguments after the main class or jar
 */
public record JavaCommand(
    List<String> options, String classpath, String jar, String mainClass, List<String> agents,
    List<String> appArgs) {

  public JavaCommand {
    options = List.copyOf(options);
    agents = List.copyOf(agents);
    appArgs = List.copyOf(appArgs);
  }

  /** Splits the arguments after {@code java}. */
  public static JavaCommand parse(List<String> args) {
    List<String> options = new ArrayList<>();
    List<String> agents = new ArrayList<>();
    List<String> appArgs = new ArrayList<>();
    String classpath = null;
    String jar = null;
    String main = null;
    for (int i = 0; i < args.size(); i++) {
      String t = args.get(i);
      if (jar != null || main != null) {
        appArgs.add(t);
      } else if ((t.equals("-cp") || t.equals("-classpath") || t.equals("--class-path")) && i + 1 < args.size()) {
        classpath = args.get(++i);
      } else if (t.equals("-jar") && i + 1 < args.size()) {
        jar = args.get(++i);
      } else if (t.startsWith("-javaagent:")) {
        agents.add(t.substring("-javaagent:".length()));
      } else if (t.startsWith("-")) {
        options.add(t);
      } else if (!t.isEmpty()) {
        main = t;
      }
    }
    return new JavaCommand(options, classpath, jar, main, agents, appArgs);
  }
}
