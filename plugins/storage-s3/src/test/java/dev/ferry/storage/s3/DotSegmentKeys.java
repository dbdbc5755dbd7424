package dev.ferry.storage.s3;

import java.io.InputStream;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * Keeps keys with '.' and '..' segments as S3 does. s3proxy's stores keep an object as a file, so
 * {@code flows/../escaped.txt} would become {@code escaped.txt}; this stores such segments escaped
 * and lists them as they were written.
 */
final class DotSegmentKeys extends ForwardingBlobStore {
  DotSegmentKeys(BlobStore store) {
    super(store);
  }

  @Override
  public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
    return super.putBlob(request.toBuilder().key(escape(request.key())).build(), content);
  }

  @Override
  public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
    return super.getBlob(request.toBuilder().key(escape(request.key())).build());
  }

  @Override
  public HeadObjectResponse blobMetadata(HeadObjectRequest request) {
    return super.blobMetadata(request.toBuilder().key(escape(request.key())).build());
  }

  @Override
  public ListObjectsV2Response list(ListObjectsV2Request request) {
    ListObjectsV2Response listing = super.list(request);
    return listing.toBuilder().contents(listing.contents().stream()
        .map(object -> object.toBuilder().key(unescape(object.key())).build()).toList()).build();
  }

  private static String escape(String key) {
    return segments(key, segment -> segment.equals(".") || segment.equals("..") ? segment.replace(".", "%2E")
        : segment);
  }

  private static String unescape(String key) {
    return segments(key, segment -> segment.equals("%2E") || segment.equals("%2E%2E") ? segment.replace("%2E", ".")
        : segment);
  }

  private static String segments(String key, java.util.function.UnaryOperator<String> mapping) {
    return Arrays.stream(key.split("/", -1)).map(mapping).collect(Collectors.joining("/"));
  }
}
