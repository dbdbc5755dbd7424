package dev.ferry.storage.s3;

import dev.ferry.storage.BlockPath;
import dev.ferry.storage.StorageException;
import java.util.regex.Pattern;

/**
 * Where objects live in S3 or an S3-compatible store, and with which credentials: what the
 * {@code s3} block and an {@code s3://} basepath of {@code remote-file-system} both come down to.
 * Blank strings stand for "not given": no prefix, the endpoint from the environment or AWS itself,
 * the SDK's default region, and, when both keys are blank, the SDK's default credential chain.
 * Built by hand or from a Prefect {@code bucket_path}; opened with {@link S3Store#open}.
 *
 * @param bucket the bucket's name
 * @param prefix the folder in the bucket the block's paths are under, without leading or trailing '/'
 * @param endpointUrl an S3-compatible endpoint (MinIO, Ceph, s3proxy), e.g. {@code http://127.0.0.1:9000}
 * @param region the region to sign for, e.g. {@code eu-west-1}
 * @param accessKeyId the access key's id
 * @param secretAccessKey the access key's secret; never printed
 */
public record S3Location(String bucket, String prefix, String endpointUrl, String region, String accessKeyId,
    String secretAccessKey) {
  private static final Pattern BUCKET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  public S3Location {
    bucket = blankIfNull(bucket).strip();
    prefix = BlockPath.normalize(prefix);
    endpointUrl = blankIfNull(endpointUrl).strip();
    region = blankIfNull(region).strip();
    accessKeyId = blankIfNull(accessKeyId).strip();
    secretAccessKey = blankIfNull(secretAccessKey).strip();
  }

  /** A location from Prefect's {@code bucket_path}: {@code bucket} or {@code bucket/folder/in/it}. */
  public static S3Location fromBucketPath(String bucketPath, String endpointUrl, String region, String accessKeyId,
      String secretAccessKey) {
    BlockPath.BucketPath path = BlockPath.BucketPath.parse(bucketPath);
    return new S3Location(path.bucket(), path.folder(), endpointUrl, region, accessKeyId, secretAccessKey);
  }

  /** The object key of a path relative to the prefix; "" is the prefix itself. */
  public String key(String relative) {
    return BlockPath.join(prefix, relative);
  }

  /** Where a relative path is, e.g. {@code s3://bucket/prefix/flows/etl.py}. */
  public String url(String relative) {
    String key = key(relative);
    return key.isEmpty() ? "s3://" + bucket : "s3://" + bucket + "/" + key;
  }

  /** Fails, naming the block type and the field to mend, when requests could not be made here. */
  void requireUsable(S3FieldNames names) {
    String block = "Block type '" + names.blockType() + "'";
    if (bucket.isEmpty()) {
      throw new StorageException(block + " needs field '" + names.bucket() + "': the bucket, and optionally a folder"
          + " in it (my-bucket or my-bucket/flows)");
    }
    if (!BUCKET.matcher(bucket).matches()) {
      throw new StorageException(block + ": field '" + names.bucket() + "' names bucket '" + bucket
          + "', which is not a bucket name (letters, digits, '.', '-')");
    }
    if (accessKeyId.isEmpty() != secretAccessKey.isEmpty()) {
      throw new StorageException(block + " has only one of " + names.keys() + ": set both, or neither to use this"
          + " machine's AWS credentials");
    }
  }

  /** Whether keys are given, rather than left to the SDK's default credential chain. */
  public boolean hasKeys() {
    return !accessKeyId.isEmpty() || !secretAccessKey.isEmpty();
  }

  @Override
  public String toString() {
    return "S3Location[" + url("") + (endpointUrl.isEmpty() ? "" : " at " + endpointUrl)
        + (region.isEmpty() ? "" : " in " + region) + (hasKeys() ? " with keys" : "") + "]";
  }

  private static String blankIfNull(String value) {
    return value == null ? "" : value;
  }

}
