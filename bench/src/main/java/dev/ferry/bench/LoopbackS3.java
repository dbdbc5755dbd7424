package dev.ferry.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;

/**
 * An s3proxy in this JVM on 127.0.0.1 and a free port, over one of its blob stores, checking AWS V4
 * signatures against one fixed key; with a plain SDK client configured as ferry's own for a custom
 * endpoint, and a way to drop a bucket without a request per object.
 */
final class LoopbackS3 implements AutoCloseable {
  static final String ACCESS_KEY_ID = "ferry-bench-key";
  static final String SECRET_ACCESS_KEY = "ferry-bench-secret-7Hq2";

  private final BlobStore blobStore;
  private final S3Proxy proxy;
  private final URI endpoint;

  /** A proxy over the blob store {@code provider}: "transient" (in memory) or "filesystem" (under {@code dir}). */
  LoopbackS3(String provider, Path dir) throws Exception {
    Properties properties = new Properties();
    properties.setProperty("jclouds.identity", ACCESS_KEY_ID);
    properties.setProperty("jclouds.credential", SECRET_ACCESS_KEY);
    properties.setProperty("jclouds.filesystem.basedir", dir.toString());
    blobStore = BlobStores.create(provider, properties);
    proxy = S3Proxy.builder().blobStore(blobStore)
        .awsAuthentication(AuthenticationType.AWS_V4, ACCESS_KEY_ID, SECRET_ACCESS_KEY)
        .endpoint(URI.create("http://127.0.0.1:0")).stopTimeout(0).build();
    proxy.start();
    if (!"STARTED".equals(proxy.getState())) {
      throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
    }
    endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  URI endpoint() {
    return endpoint;
  }

  /**
   * A new SDK client as ferry's {@code S3Clients} makes one for a custom endpoint: the JDK's HTTP
   * connection, path-style addressing, only the checksums the S3 API requires.
   */
  S3Client client() {
    return S3Client.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(Duration.ofSeconds(60)))
        .endpointOverride(endpoint).forcePathStyle(true).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID,
            SECRET_ACCESS_KEY)))
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
  }

  void createBucket(String bucket) {
    blobStore.createContainer(bucket);
  }

  /** Removes a bucket and its objects, straight from the store. */
  void dropBucket(String bucket) {
    blobStore.clearContainer(ListObjectsV2Request.builder().bucket(bucket).build());
    blobStore.deleteContainer(bucket);
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
    blobStore.close();
  }
}
