package dev.berth.imagebuilder.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DebianRootRecipeTest {

  private static final DebianRootRecipe.Mirrors MIRRORS =
      new DebianRootRecipe.Mirrors("http://m/debian", "http://m/debian-security");

  @Test
  void command_hasTheMan1Hook_theTrims_andWritesTheTarLast() {
    List<String> cmd =
        DebianRootRecipe.command(
            "essential",
            List.of("openjdk-17-jre-headless"),
            Path.of("/s/customize.sh"),
            Path.of("/s/apt"),
            Path.of("/s/partial-rootfs.tar"),
            MIRRORS);
    assertThat(cmd.get(0)).isEqualTo("mmdebstrap");
    assertThat(cmd)
        .contains(
            "--variant=essential",
            "--include=openjdk-17-jre-headless",
            "--essential-hook=mkdir -p \"$1\"/usr/share/man/man1",
            "--dpkgopt=path-exclude=/usr/share/doc/*",
            "--customize-hook=/s/customize.sh");
    int suite = cmd.indexOf("bookworm");
    assertThat(cmd.get(suite + 1)).isEqualTo("/s/partial-rootfs.tar").endsWith(".tar");
    assertThat(cmd.subList(suite + 2, cmd.size()))
        .containsExactly(
            "deb http://m/debian bookworm main",
            "deb http://m/debian bookworm-updates main",
            "deb http://m/debian-security bookworm-security main");
  }

  @Test
  void command_forTheExtractVariant_hasNoEssentialHook() {
    List<String> cmd =
        DebianRootRecipe.command(
            "extract", List.of("busybox-static"), Path.of("/c"), Path.of("/a"), Path.of("/o.tar"), MIRRORS);
    assertThat(cmd).noneMatch(a -> a.startsWith("--essential-hook"));
  }

  @Test
  void customizeScript_addsTheAppUserAndApp_thenTheRecipesLines() {
    DebianRootRecipe r = recipe(List.of("ln -s /x \"$root/y\""));
    String script = r.customizeScript(Path.of("/etc-files"));
    assertThat(script).startsWith("#!/bin/sh\nset -eu\n").contains(Passwd.APP_ENTRY).contains("chown 10001:0");
    assertThat(script.indexOf("chown 10001:0")).isLessThan(script.indexOf("ln -s /x"));
  }

  @Test
  void inputs_changeWithThePackages() {
    assertThat(recipe(List.of()).inputs()).isNotEqualTo(recipeWith(List.of("nodejs", "npm")).inputs());
  }

  private static DebianRootRecipe recipe(List<String> customize) {
    return new DebianRootRecipe(
        "t", "essential", List.of("nodejs"), customize,
        new ImageConfig(Map.of(), "/app", null, List.of(), List.of(), Map.of()),
        tar -> Map.of(), List.of("node", "--version"));
  }

  private static DebianRootRecipe recipeWith(List<String> packages) {
    return new DebianRootRecipe(
        "t", "essential", packages, List.of(),
        new ImageConfig(Map.of(), "/app", null, List.of(), List.of(), Map.of()),
        tar -> Map.of(), List.of("node", "--version"));
  }
}
