package dev.berth.runtime.api.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.berth.runtime.api.spec.AppSpec;
import dev.berth.runtime.api.spec.SpecValidationException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one Jackson configuration of Berth's API: app specs in YAML or JSON, status and errors in JSON. Unknown
 * spec fields are errors (a typo must not be silently ignored); unknown status fields are skipped, so an older
 * client can read a newer master.
 */
public final class ApiJson {

  private static final ObjectMapper JSON = configure(JsonMapper.builder()).build();
  private static final ObjectMapper YAML =
      configure(
              YAMLMapper.builder(
                  YAMLFactory.builder()
                      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                      .build()))
          .build();
  private static final ObjectMapper SPEC_READER =
      YAML.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ApiJson() {}

  private static <M extends ObjectMapper, B extends com.fasterxml.jackson.databind.cfg.MapperBuilder<M, B>>
      B configure(B builder) {
    return builder
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        // Records only: helper methods such as isJvm() are not properties.
        .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
        .serializationInclusion(JsonInclude.Include.NON_NULL);
  }

  /**
   * Reads an app spec written in YAML or JSON (JSON is read as YAML, of which it is a subset).
   *
   * @throws SpecValidationException naming the field path, the bad value and what is allowed
   */
  public static AppSpec readSpec(String text) {
    if (text == null || text.isBlank()) {
      throw new SpecValidationException("", "an empty document", "an app spec in YAML or JSON with at least name and image");
    }
    try {
      AppSpec spec = SPEC_READER.readValue(text, AppSpec.class);
      if (spec == null) {
        throw new SpecValidationException("", "an empty document", "an app spec with at least name and image");
      }
      return spec;
    } catch (ValueInstantiationException e) {
      if (e.getCause() instanceof SpecValidationException invalid) {
        throw invalid.under(path(e));
      }
      throw new SpecValidationException(path(e), null, rootMessage(e));
    } catch (UnrecognizedPropertyException e) {
      List<String> known =
          e.getKnownPropertyIds() == null
              ? List.of()
              : e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.toList());
      throw new SpecValidationException(path(e), e.getPropertyName(), "an unknown field; known fields here: " + known);
    } catch (InvalidFormatException e) {
      throw new SpecValidationException(path(e), e.getValue(), expected(e.getTargetType()));
    } catch (MismatchedInputException e) {
      throw new SpecValidationException(path(e), null, expected(e.getTargetType()));
    } catch (JsonMappingException e) {
      throw new SpecValidationException(path(e), null, rootMessage(e));
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
      throw new SpecValidationException("", "text that does not parse" + where, "valid YAML or JSON: " + e.getOriginalMessage());
    }
  }

  /** Reads a JSON (or YAML) document into {@code type}; unknown fields are skipped. */
  public static <T> T read(String text, Class<T> type) {
    try {
      String t = text.stripLeading();
      // JSON is the common case (the API, the store); its own parser is much faster than YAML's.
      ObjectMapper mapper = t.startsWith("{") || t.startsWith("[") ? JSON : YAML;
      return mapper.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot read " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
    }
  }

  /** Reads a JSON array into a list of {@code type}; unknown fields are skipped. */
  public static <T> List<T> readList(String text, Class<T> type) {
    try {
      return JSON.readValue(text, JSON.getTypeFactory().constructCollectionType(List.class, type));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot read a list of " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
    }
  }

  /** Reads a JSON object of string keys and values of {@code type}. */
  public static <T> java.util.Map<String, T> readMap(String text, TypeReference<java.util.Map<String, T>> type) {
    try {
      return JSON.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot read a JSON object: " + e.getOriginalMessage(), e);
    }
  }

  /** Compact JSON. */
  public static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  /** Indented JSON, for people. */
  public static String toPrettyJson(Object value) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  /** YAML, for people and for specs. */
  public static String toYaml(Object value) {
    try {
      return YAML.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as YAML", e);
    }
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "a value of another type";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == String.class) {
      return "a text value";
    }
    if (List.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (java.util.Map.class.isAssignableFrom(type)) {
      return "a map of names to values";
    }
    return "an object with the fields of " + type.getSimpleName();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t instanceof JsonProcessingException j ? j.getOriginalMessage() : String.valueOf(t.getMessage());
  }
}
