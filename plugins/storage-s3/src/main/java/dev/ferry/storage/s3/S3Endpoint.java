package dev.ferry.storage.s3;

import dev.ferry.storage.StorageException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * The endpoint a location's requests go to and where that came from: the block's field, else, as in
 * the AWS SDKs, {@code AWS_ENDPOINT_URL_S3} then {@code AWS_ENDPOINT_URL}, else AWS S3 itself
 * ({@code uri} null).
 */
record S3Endpoint(URI uri, String source) {
  static final String S3_VARIABLE = "AWS_ENDPOINT_URL_S3";
  static final String GENERAL_VARIABLE = "AWS_ENDPOINT_URL";
  private static final S3Endpoint AWS = new S3Endpoint(null, "AWS S3");

  /** The endpoint of {@code location}, looking in {@code environment} when the block names none. */
  static S3Endpoint resolve(S3Location location, S3FieldNames names, Map<String, String> environment) {
    if (!location.endpointUrl().isEmpty()) {
      return parse(location.endpointUrl(), "field '" + names.endpointUrl() + "'", names);
    }
    for (String variable : new String[] {S3_VARIABLE, GENERAL_VARIABLE}) {
      String value = environment.get(variable);
      if (value != null && !value.isBlank()) {
        return parse(value.strip(), "environment variable " + variable, names);
      }
    }
    return AWS;
  }

  boolean custom() {
    return uri != null;
  }

  /** For messages: {@code http://127.0.0.1:9000 (field 'endpoint_url')}, or {@code AWS S3}. */
  String describe() {
    return custom() ? uri + " (" + source + ")" : source;
  }

  private static S3Endpoint parse(String value, String source, S3FieldNames names) {
    try {
      URI uri = new URI(value);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
        return new S3Endpoint(uri, source);
      }
    } catch (URISyntaxException e) {
      // reported below, as for a URL without a scheme or host
    }
    throw new StorageException("Block type '" + names.blockType() + "': " + source + " is '" + value
        + "', which is not an http(s) URL; give the store's address, e.g. http://127.0.0.1:9000");
  }
}
