package dev.ferry.storage.gcs;

import dev.ferry.storage.BlockPath;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where a GCS-backed block keeps its objects and how to reach them: what Prefect's {@code gcs} block
 * and a {@code remote-file-system} block on {@code gs://} have in common. {@link GcsStore#open} makes
 * the store of one.
 *
 * <p>Credentials follow from the fields: a service account key when {@code serviceAccountJson} is
 * given; otherwise none at all when {@code endpoint} is given (an emulator), and Application
 * Default Credentials when it is not. {@link #toString} never shows the key.
 *
 * @param bucket the bucket's name
 * @param prefix the key prefix inside it, without leading or trailing '/'; "" for the whole bucket
 * @param project the Google Cloud project, or null to let the SDK find it
 * @param serviceAccountJson a service account's JSON key, or null
 * @param endpoint the JSON API's base URL (e.g. {@code http://127.0.0.1:9023}), or null for Google's
 */
public record GcsLocation(String bucket, String prefix, String project, String serviceAccountJson, String endpoint) {
  /** The variable the Google SDKs and gcsfs read the address of a storage emulator from. */
  public static final String EMULATOR_HOST = "STORAGE_EMULATOR_HOST";
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]");

  /**
   * Checks the bucket's name and trims the prefix's slashes.
   *
   * @throws IllegalArgumentException naming what is wrong with the bucket, for the caller to put
   *     beside the name of its field
   */
  public GcsLocation {
    if (bucket == null || !BUCKET.matcher(bucket).matches()) {
      throw new IllegalArgumentException("'" + bucket + "' is not a bucket name: GCS bucket names have 3 to 222"
          + " lowercase letters, digits, '-', '_' and '.', beginning and ending with a letter or digit");
    }
    prefix = BlockPath.normalize(prefix);
    project = blankToNull(project);
    serviceAccountJson = blankToNull(serviceAccountJson);
    endpoint = blankToNull(endpoint);
  }

  /**
   * The location of {@code bucketPath} ({@code bucket}, {@code bucket/some/prefix}, or either behind
   * {@code gs://} or {@code gcs://}). When {@code env} names a storage emulator in
   * {@value #EMULATOR_HOST}, the location is on it, without credentials, as the Google SDKs and
   * gcsfs do.
   */
  public static GcsLocation of(String bucketPath, String project, String serviceAccountJson, Map<String, String> env) {
    BlockPath.BucketPath path =
        BlockPath.BucketPath.parse(bucketPath == null ? "" : bucketPath.replaceFirst("^(gs|gcs)://", ""));
    String bucket = path.bucket();
    String prefix = path.folder();
    String emulator = blankToNull(env.get(EMULATOR_HOST));
    if (emulator == null) {
      return new GcsLocation(bucket, prefix, project, serviceAccountJson, null);
    }
    String endpoint = emulator.contains("://") ? emulator : "http://" + emulator;
    return new GcsLocation(bucket, prefix, project, null, endpoint);
  }

  /** Where an object is, e.g. {@code gs://bucket/prefix/flows/etl.py}; "" is the location itself. */
  public String url(String key) {
    String name = name(key);
    return "gs://" + bucket + (name.isEmpty() ? "" : "/" + name);
  }

  /** The object name of a key relative to the prefix. */
  String name(String key) {
    return BlockPath.join(prefix, key);
  }

  @Override
  public String toString() {
    return "GcsLocation[" + url("") + (endpoint == null ? "" : " on " + endpoint)
        + (serviceAccountJson == null ? "" : " with a service account key") + "]";
  }


  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
