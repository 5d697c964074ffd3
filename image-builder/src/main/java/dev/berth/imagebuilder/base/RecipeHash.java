package dev.berth.imagebuilder.base;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** The SHA-256 of a recipe's inputs (kind, version, JDK, modules, packages …), stored as a label on its image. */
final class RecipeHash {

  private RecipeHash() {}

  /**
   * Hex SHA-256 over the inputs sorted by key, so map order never changes the hash. Each key and value is
   * length-prefixed, so {@code a=b=c} as key "a" or key "a=b" hash differently.
   */
  static String of(Map<String, String> inputs) {
    StringBuilder text = new StringBuilder();
    new TreeMap<>(inputs)
        .forEach((k, v) -> text.append(k.length()).append(':').append(k).append(v.length()).append(':').append(v));
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
