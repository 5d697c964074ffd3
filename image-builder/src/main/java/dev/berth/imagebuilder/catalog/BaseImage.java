package dev.berth.imagebuilder.catalog;

import java.util.Objects;

/**
 * One entry of the base-image catalog ({@code dockerfile-templates/base-images.yaml}).
 *
 * @param id catalog key, e.g. {@code jre-17}, {@code tomcat-10.1}
 * @param image the public default real users build on
 * @param offline the image {@code berth base-images} builds locally without a registry
 * @param jdk Java feature release of a JVM base, else {@code null}
 * @param shell whether the base has {@code /bin/sh}
 * @param tomcat servlet container line of a WAR base ({@code 9.0}, {@code 10.1}), else {@code null}
 */
public record BaseImage(String id, String image, String offline, Integer jdk, boolean shell, String tomcat) {

  public BaseImage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(image, "image of base " + id);
    Objects.requireNonNull(offline, "offline image of base " + id);
  }
}
