package dev.berth.runtime.master.http;

import com.sun.net.httpserver.HttpExchange;
import dev.berth.runtime.api.json.ApiJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** One API request: its method, path segments, query and body, and how to answer in JSON or text. */
final class ApiExchange {

  /** Largest request body accepted (a spec with config files). */
  static final int MAX_BODY = 4 * 1024 * 1024;

  final HttpExchange http;
  final String method;
  final String[] segments;
  final Map<String, String> query;

  ApiExchange(HttpExchange http) {
    this.http = http;
    this.method = http.getRequestMethod();
    String path = http.getRequestURI().getPath();
    this.segments = path.replaceAll("^/+|/+$", "").split("/+");
    this.query = parseQuery(http.getRequestURI().getRawQuery());
  }

  String body() throws IOException {
    try (InputStream in = http.getRequestBody()) {
      byte[] bytes = in.readNBytes(MAX_BODY + 1);
      if (bytes.length > MAX_BODY) {
        throw ApiException.badRequest("", bytes.length + "+ bytes", "request body too large", "keep specs below 4 MiB");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  int intQuery(String name, int fallback) {
    String v = query.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name, v, "query parameter " + name + " is not a whole number", "e.g. " + name + "=" + fallback);
    }
  }

  void json(int status, Object value) throws IOException {
    send(status, "application/json", ApiJson.toJson(value));
  }

  void text(int status, String text) throws IOException {
    send(status, "text/plain; charset=utf-8", text);
  }

  private void send(int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    http.getResponseHeaders().set("Content-Type", type);
    http.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = http.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static Map<String, String> parseQuery(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }
}
