package dev.ferry.storage.s3;

/**
 * How a block type spells the parts of an {@link S3Location}, so that errors and doctor checks tell
 * the user which of the block's fields to mend; e.g. {@code remote-file-system} would give
 * {@code basepath}, {@code settings.key}, {@code settings.secret} and
 * {@code settings.client_kwargs.endpoint_url}.
 *
 * @param blockType the block type's slug, e.g. {@code s3}
 * @param bucket the field holding the bucket and prefix
 * @param accessKeyId the field holding the access key's id
 * @param secretAccessKey the field holding the access key's secret
 * @param endpointUrl the field holding an S3-compatible endpoint
 */
public record S3FieldNames(String blockType, String bucket, String accessKeyId, String secretAccessKey,
    String endpointUrl) {

  /** Prefect's {@code s3} block, with Ferry's {@code endpoint_url}. */
  public static final S3FieldNames S3_BLOCK =
      new S3FieldNames("s3", "bucket_path", "aws_access_key_id", "aws_secret_access_key", "endpoint_url");

  /** Both credential fields, for messages: {@code aws_access_key_id / aws_secret_access_key}. */
  String keys() {
    return accessKeyId + " / " + secretAccessKey;
  }
}
