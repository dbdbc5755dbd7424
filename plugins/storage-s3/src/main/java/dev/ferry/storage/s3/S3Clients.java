package dev.ferry.storage.s3;

import dev.ferry.storage.SharedClients;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * One {@link S3Client} per endpoint, region and credentials, shared by every block that has them.
 * Clients use the JDK's HTTP connection, path-style addressing on a custom endpoint, and there only
 * the checksums the S3 API requires, which S3-compatible stores understand.
 */
final class S3Clients {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
  private static final SharedClients<Key, S3Client> SHARED = new SharedClients<>();

  /** What tells two clients apart; blank region and keys mean the SDK's defaults. */
  private record Key(URI endpoint, String region, String accessKeyId, String secretAccessKey) {
    @Override
    public String toString() {
      return "S3Clients.Key[" + endpoint + ", " + region + "]";
    }
  }

  private S3Clients() {}

  static S3Client client(S3Location location, S3Endpoint endpoint) {
    return SHARED.get(new Key(endpoint.uri(), location.region(), location.accessKeyId(), location.secretAccessKey()),
        S3Clients::make);
  }

  private static S3Client make(Key key) {
    S3ClientBuilder builder = S3Client.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT)
            .socketTimeout(READ_TIMEOUT))
        .region(region(key.region()))
        .credentialsProvider(credentials(key));
    if (key.endpoint() == null) {
      return builder.crossRegionAccessEnabled(true).build();
    }
    return builder.endpointOverride(key.endpoint()).forcePathStyle(true)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
  }

  /** The region given, else the SDK's (AWS_REGION, ~/.aws/config, the instance's), else us-east-1. */
  private static Region region(String given) {
    if (!given.isEmpty()) {
      return Region.of(given);
    }
    try {
      return DefaultAwsRegionProviderChain.builder().build().getRegion();
    } catch (SdkClientException e) {
      return Region.US_EAST_1;
    }
  }

  private static AwsCredentialsProvider credentials(Key key) {
    if (key.accessKeyId().isEmpty() && key.secretAccessKey().isEmpty()) {
      return DefaultCredentialsProvider.builder().build();
    }
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()));
  }
}
