package dev.ferry.settings;

import dev.ferry.error.InvalidInputException;
import java.net.URI;
import java.nio.file.Path;

/**
 * Where ferry finds its API and its home. Flags win over the environment, which wins over the
 * profile, which wins over the defaults. With no API URL, ferry runs in embedded mode on
 * {@code $FERRY_HOME/ferry.db}.
 *
 * @param apiUrl the orchestration API, e.g. {@code http://127.0.0.1:4200/api}; null for embedded mode
 * @param apiKey sent as a bearer token when set
 * @param home ferry's own folder: the embedded database and agent working directories
 */
public record FerrySettings(URI apiUrl, String apiKey, Path home) {
  public static final String API_URL = "PREFECT_API_URL";
  public static final String API_KEY = "PREFECT_API_KEY";

  /** Reads the settings: a flag value wins when non-null, then the environment, then the profile. */
  public static FerrySettings load(SettingSources sources, String apiUrlFlag) {
    String url = apiUrlFlag != null ? apiUrlFlag : sources.get(API_URL);
    return new FerrySettings(parseUrl(url), blankToNull(sources.get(API_KEY)), sources.home());
  }

  public boolean embedded() {
    return apiUrl == null;
  }

  public Path database() {
    return home.resolve("ferry.db");
  }

  private static URI parseUrl(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    try {
      URI uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
      if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
        throw new IllegalArgumentException("no http(s) host");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("API URL '" + url + "' (--api or " + API_URL
          + ") is not an http(s) URL; use e.g. http://127.0.0.1:4200/api");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
