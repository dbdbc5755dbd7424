package dev.ferry.storage.s3;

import dev.ferry.storage.StorageException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What an SDK failure means for a block's user, and what to mend: the credentials, the bucket, the
 * endpoint. Never repeats a credential.
 */
final class S3Errors {
  private static final Set<String> REFUSED_CREDENTIALS =
      Set.of("AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken", "ExpiredToken");

  /** A finding and its fix, as a doctor check or an error message says them. */
  record Problem(String finding, String fix, boolean retryable) {}

  private final S3Location location;
  private final S3FieldNames names;
  private final S3Endpoint endpoint;

  S3Errors(S3Location location, S3FieldNames names, S3Endpoint endpoint) {
    this.location = location;
    this.names = names;
    this.endpoint = endpoint;
  }

  /** {@code "Cannot <action> s3://...: <finding>; <fix>"}. */
  StorageException exception(String action, String url, SdkException failure) {
    Problem problem = diagnose(failure);
    return new StorageException("Cannot " + action + " " + url + ": " + problem.finding() + "; " + problem.fix(),
        problem.retryable(), failure);
  }

  Problem diagnose(SdkException failure) {
    if (failure instanceof AwsServiceException refused) {
      return answered(refused);
    }
    if (!location.hasKeys() && String.valueOf(failure.getMessage()).contains("Unable to load credentials")) {
      return new Problem("the block has no " + names.keys() + " and this machine has no AWS credentials either",
          "set " + names.keys() + " on block type '" + names.blockType() + "', or give this machine AWS credentials"
              + " (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, ~/.aws/credentials or an instance role)", false);
    }
    if (unreachable(failure)) {
      return new Problem("cannot reach " + endpoint.describe() + " (" + rootMessage(failure) + ")", endpoint.custom()
          ? "start the store or mend the endpoint: field '" + names.endpointUrl() + "' of the block, else "
              + S3Endpoint.S3_VARIABLE + " or " + S3Endpoint.GENERAL_VARIABLE
          : "let this machine reach AWS S3 (network, proxy), or for an S3-compatible store set field '"
              + names.endpointUrl() + "' of the block", true);
    }
    return new Problem(String.valueOf(failure.getMessage()), "see whether " + endpoint.describe()
        + " is working, and try again", failure.retryable());
  }

  private Problem answered(AwsServiceException refused) {
    String code = refused.awsErrorDetails() == null ? null : refused.awsErrorDetails().errorCode();
    String status = refused.statusCode() + (code == null ? "" : " " + code);
    if ("NoSuchBucket".equals(code)) {
      return new Problem("bucket '" + location.bucket() + "' does not exist at " + endpoint.describe(),
          "create it, or mend field '" + names.bucket() + "' of block type '" + names.blockType() + "'", false);
    }
    if (refused.statusCode() == 403 || REFUSED_CREDENTIALS.contains(code)) {
      String whose = location.hasKeys() ? "the credentials of block type '" + names.blockType() + "'"
          : "this machine's default AWS credentials (block type '" + names.blockType() + "' gives none)";
      return new Problem(endpoint.describe() + " refused " + whose + " (" + status + ")", location.hasKeys()
          ? "mend " + names.keys() + ", or grant that key s3:ListBucket, s3:GetObject and s3:PutObject on bucket '"
              + location.bucket() + "'"
          : "set " + names.keys() + " on the block, or mend this machine's AWS credentials", false);
    }
    return new Problem(endpoint.describe() + " answered " + status + ": " + refused.getMessage(),
        "see what the store says, and try again", refused.statusCode() >= 500);
  }

  private static boolean unreachable(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException || cause instanceof UnknownHostException
          || cause instanceof NoRouteToHostException || cause instanceof SocketTimeoutException
          || cause instanceof ApiCallTimeoutException || cause instanceof ApiCallAttemptTimeoutException) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
