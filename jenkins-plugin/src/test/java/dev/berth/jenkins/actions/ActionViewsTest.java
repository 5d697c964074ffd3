package dev.berth.jenkins.actions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

/** The actions' Jelly views and the dashboard script against JENKINS.md §4.1-4.2 (escaping, CSP). */
class ActionViewsTest {

  static final List<String> VIEWS = List.of(
      "BerthBuildAction/summary.jelly", "BerthBuildAction/details.jelly", "BerthBuildAction/index.jelly",
      "BerthDashboardAction/index.jelly", "BerthConfiguration/config.jelly");

  @Test
  void views_parse_escapeByDefault_noInlineScriptOrHandlers() throws Exception {
    for (String view : VIEWS) {
      String text;
      try (InputStream in = BerthBuildAction.class.getResourceAsStream(view)) {
        assertThat(in).as(view).isNotNull();
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      assertThat(text).as(view).startsWith("<?jelly escape-by-default='true'?>");
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      Document doc = f.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
      NodeList all = doc.getElementsByTagName("*");
      for (int i = 0; i < all.getLength(); i++) {
        Element e = (Element) all.item(i);
        if (e.getLocalName().equals("script")) {
          assertThat(e.getAttribute("src")).as("%s: a script is a static file", view).isNotEmpty();
          assertThat(e.getTextContent().trim()).as("%s: no inline script body", view).isEmpty();
        }
        NamedNodeMap attrs = e.getAttributes();
        for (int a = 0; a < attrs.getLength(); a++) {
          String name = attrs.item(a).getNodeName();
          String value = attrs.item(a).getNodeValue();
          assertThat(name).as("%s: no on* handler", view).doesNotStartWith("on");
          assertThat(value).as("%s: no javascript: URL", view).doesNotStartWithIgnoringCase("javascript:");
        }
      }
    }
  }

  @Test
  void views_nameOnlyGettersTheActionsHave() throws Exception {
    // ${it.x} in a view resolves through a getter; a typo renders as empty text in Jenkins instead of failing.
    for (String view : VIEWS) {
      Class<?> action = view.startsWith("BerthBuildAction") ? BerthBuildAction.class : BerthDashboardAction.class;
      String text;
      try (InputStream in = BerthBuildAction.class.getResourceAsStream(view)) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\bit\\.(\\w+)").matcher(text);
      List<String> missing = new ArrayList<>();
      while (m.find()) {
        String property = m.group(1);
        String getter = Character.toUpperCase(property.charAt(0)) + property.substring(1);
        boolean found = false;
        for (String prefix : List.of("get", "is")) {
          try {
            action.getMethod(prefix + getter);
            found = true;
          } catch (NoSuchMethodException e) {
            // try the next prefix
          }
        }
        if (!found) {
          missing.add(property);
        }
      }
      assertThat(missing).as(view).isEmpty();
    }
  }

  @Test
  void dashboardScript_writesTextNotHtml() throws Exception {
    String js = Files.readString(Path.of("src/main/webapp/js/dashboard.js"));
    assertThat(js).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "eval(", "document.write",
        "new Function");
    assertThat(js).contains("textContent");
  }
}
