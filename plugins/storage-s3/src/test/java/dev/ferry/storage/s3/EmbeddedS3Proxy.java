package dev.ferry.storage.s3;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.json.Json;
import dev.ferry.storage.SharedClients;
import dev.ferry.storage.StorageBlock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An s3proxy in the test JVM on 127.0.0.1 and a free port, over an in-memory store that keeps keys as
 * S3 does ({@link DotSegmentKeys}), checking AWS signatures against one known key, with a plain SDK
 * client that writes into it as another tool would. While it runs, the SDK never asks an EC2 instance
 * for credentials or a region.
 */
public final class EmbeddedS3Proxy implements AutoCloseable {
  public static final String ACCESS_KEY_ID = "ferry-test-key";
  public static final String SECRET_ACCESS_KEY = "ferry-test-secret-3Kq9";
  private static final String NO_INSTANCE_METADATA = "aws.disableEc2Metadata";
  private static final AtomicInteger BUCKETS = new AtomicInteger();

  private final String metadataSetting;
  private final BlobStore blobStore;
  private final S3Proxy proxy;
  private final URI endpoint;
  private final S3Client client;

  private static EmbeddedS3Proxy shared;

  /**
   * The proxy of this test JVM, started by the first test that asks and stopped when the JVM exits.
   * One for all: a proxy started after another stopped may get its port, and the JDK's HTTP client
   * would then write into the old one's dead keep-alive connections.
   */
  public static synchronized EmbeddedS3Proxy shared() throws Exception {
    if (shared == null) {
      EmbeddedS3Proxy started = new EmbeddedS3Proxy();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          started.close();
        } catch (Exception e) {
          // the JVM is going: nothing is left to free
        }
      }));
      shared = started;
    }
    return shared;
  }

  private EmbeddedS3Proxy() throws Exception {
    metadataSetting = System.setProperty(NO_INSTANCE_METADATA, "true");
    Properties properties = new Properties();
    properties.setProperty("jclouds.identity", ACCESS_KEY_ID);
    properties.setProperty("jclouds.credential", SECRET_ACCESS_KEY);
    blobStore = new DotSegmentKeys(BlobStores.create("transient", properties));
    proxy = S3Proxy.builder().blobStore(blobStore)
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY_ID, SECRET_ACCESS_KEY)
        .endpoint(URI.create("http://127.0.0.1:0")).stopTimeout(0).build();
    proxy.start();
    if (!"STARTED".equals(proxy.getState())) {
      throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
    }
    endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    client = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).endpointOverride(endpoint)
        .forcePathStyle(true).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID,
            SECRET_ACCESS_KEY)))
        .build();
  }

  public URI endpoint() {
    return endpoint;
  }

  /** A plain SDK client with the proxy's key, as Prefect's CLI or the AWS CLI would write. */
  S3Client client() {
    return client;
  }

  /** The store behind the proxy, to set up many objects without a request each. */
  BlobStore blobStore() {
    return blobStore;
  }

  /** A new, empty bucket of its own. */
  public String newBucket() {
    String bucket = "ferry-" + BUCKETS.incrementAndGet();
    client.createBucket(request -> request.bucket(bucket));
    return bucket;
  }

  /** An s3 block's fields with the proxy's key id and {@code secret}, in us-east-1, naming no endpoint. */
  static ObjectNode fields(String bucketPath, String secret) {
    return Json.object().put("bucket_path", bucketPath).put("aws_access_key_id", ACCESS_KEY_ID)
        .put("aws_secret_access_key", secret).put("region_name", "us-east-1");
  }

  /** An s3 block on this proxy. */
  StorageBlock block(String bucketPath, String secret) {
    return S3Block.fromBlock(fields(bucketPath, secret).put("endpoint_url", endpoint.toString()), Map.of());
  }

  /** An endpoint on loopback where nothing listens. */
  static String refusingEndpoint() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return "http://127.0.0.1:" + socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the proxy, with the blocks' clients made meanwhile. */
  @Override
  public void close() throws Exception {
    SharedClients.closeAll();
    client.close();
    proxy.stop();
    blobStore.close();
    if (metadataSetting == null) {
      System.clearProperty(NO_INSTANCE_METADATA);
    } else {
      System.setProperty(NO_INSTANCE_METADATA, metadataSetting);
    }
  }
}
