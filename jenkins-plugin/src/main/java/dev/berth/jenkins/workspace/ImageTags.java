package dev.berth.jenkins.workspace;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The image references {@code berthBuild} tags: its repository with each tag asked for, or with the build number. */
public final class ImageTags {

  /** Docker's tag grammar. */
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  /**
   * Docker's repository grammar: lower case path components, and an optional registry host first. Docker takes the
   * first component for a host only with a dot, a port, or as {@code localhost}; else it is a path component, which
   * must be lower case ({@code MyOrg/shop} is refused by Docker and by the master alike).
   */
  private static final Pattern REPOSITORY =
      Pattern.compile("((localhost|[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+)(:[0-9]+)?/|[A-Za-z0-9-]+:[0-9]+/)?"
          + "[a-z0-9]+([._-]+[a-z0-9]+)*(/[a-z0-9]+([._-]+[a-z0-9]+)*)*");

  private ImageTags() {}

  /**
   * The references to tag.
   *
   * @param image a repository ({@code 127.0.0.1:5000/shop}), or a reference with one tag when {@code tags} is empty
   * @param tags comma-separated tags, or empty for {@code buildNumber} ({@code latest} outside a build)
   * @throws IllegalArgumentException naming the bad value and the fix
   */
  public static List<String> of(String image, String tags, int buildNumber) {
    String repository = image == null ? "" : image.trim();
    if (repository.isEmpty()) {
      throw new IllegalArgumentException("no image given; name the repository to tag, e.g."
          + " image: '127.0.0.1:5000/shop'");
    }
    if (repository.contains("@")) {
      throw new IllegalArgumentException("image '" + repository + "' is pinned to a digest; a build gives a new one,"
          + " so name the repository only, e.g. image: '" + repository.substring(0, repository.indexOf('@')) + "'");
    }
    List<String> wanted = new ArrayList<>();
    int colon = repository.lastIndexOf(':');
    if (colon > repository.lastIndexOf('/')) {
      if (tags != null && !tags.isBlank()) {
        throw new IllegalArgumentException("image '" + repository + "' already has a tag and tags: '" + tags.trim()
            + "' names more; pass the repository only, e.g. image: '" + repository.substring(0, colon) + "'");
      }
      wanted.add(repository.substring(colon + 1));
      repository = repository.substring(0, colon);
    } else if (tags == null || tags.isBlank()) {
      wanted.add(buildNumber > 0 ? String.valueOf(buildNumber) : "latest");
    } else {
      for (String t : tags.split(",")) {
        if (!t.isBlank()) {
          wanted.add(t.trim());
        }
      }
    }
    if (!REPOSITORY.matcher(repository).matches()) {
      throw new IllegalArgumentException("image '" + image.trim() + "' is not an image repository; use"
          + " [registry[:port]/]name in lower case, e.g. image: '" + repository.toLowerCase(Locale.ROOT) + "'");
    }
    LinkedHashSet<String> references = new LinkedHashSet<>();
    for (String tag : wanted) {
      if (!TAG.matcher(tag).matches()) {
        throw new IllegalArgumentException("tag '" + tag + "' is not a Docker tag; use letters, digits, '_', '.'"
            + " and '-' (at most 128, not starting with '.' or '-'), e.g. tags: '1.4.2,latest'");
      }
      references.add(repository + ":" + tag);
    }
    return List.copyOf(references);
  }
}
