package dev.ferry.storage.s3;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.json.Json;
import dev.ferry.storage.ObjectStorage;
import dev.ferry.storage.StorageException;
import java.util.Map;

/**
 * Prefect's {@code s3} block: code kept in a bucket, under the folder {@code bucket_path} may name
 * ({@code my-bucket/flows}), with {@code aws_access_key_id} and {@code aws_secret_access_key} or,
 * when both are empty, the machine's AWS credentials. Ferry adds {@code endpoint_url} for
 * S3-compatible stores (MinIO, Ceph), else {@code AWS_ENDPOINT_URL_S3} or {@code AWS_ENDPOINT_URL},
 * and {@code region_name}, else the SDK's default region, else us-east-1.
 */
public final class S3Block {
  /** The block document's fields. */
  record Fields(String bucketPath, String awsAccessKeyId, String awsSecretAccessKey, String endpointUrl,
      String regionName) {}

  private S3Block() {}

  public static ObjectStorage fromBlock(ObjectNode data) {
    return fromBlock(data, System.getenv());
  }

  /** The block, taking a missing endpoint from {@code environment} rather than this process's. */
  static ObjectStorage fromBlock(ObjectNode data, Map<String, String> environment) {
    return new ObjectStorage(S3Store.open(location(data), S3FieldNames.S3_BLOCK, environment));
  }

  private static S3Location location(ObjectNode data) {
    Fields fields;
    try {
      fields = Json.convert(data, Fields.class);
    } catch (IllegalArgumentException e) {
      String field = e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
          ? mapping.getPath().get(0).getFieldName() : "?";
      throw new StorageException("Block type 's3': field '" + field + "' must be text", false, e);
    }
    String bucketPath = fields.bucketPath() == null ? "" : fields.bucketPath().strip();
    if (bucketPath.startsWith("s3://")) {
      throw new StorageException("Block type 's3': field 'bucket_path' is '" + bucketPath + "'; give it without"
          + " 's3://', as '" + bucketPath.substring("s3://".length()) + "'");
    }
    return S3Location.fromBucketPath(bucketPath, fields.endpointUrl(), fields.regionName(), fields.awsAccessKeyId(),
        fields.awsSecretAccessKey());
  }
}
