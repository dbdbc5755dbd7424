package dev.ferry.storage.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import dev.ferry.storage.SharedClients;
import dev.ferry.storage.StorageException;
import java.time.Duration;

/** One Blob service client per account and credentials, made on first use and shared by every block that uses them. */
final class AzureClients {
  private static final SharedClients<AzureCredentials, Shared> CLIENTS = new SharedClients<>();
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** Four tries within three seconds, so that an endpoint that refuses connections fails soon. */
  private static final RequestRetryOptions RETRY =
      new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, 4, (Integer) null, 250L, 2_000L, null);

  private AzureClients() {}

  /** The client of the location's account and credentials; credentials the SDK cannot use name their fields. */
  static BlobServiceClient serviceClient(AzureLocation location) {
    return CLIENTS.get(location.credentials(), credentials -> new Shared(build(credentials, location.fields())))
        .client();
  }

  private static BlobServiceClient build(AzureCredentials credentials, AzureFields fields) {
    HttpClient http = new JdkHttpClientBuilder().connectionTimeout(CONNECT_TIMEOUT).build();
    BlobServiceClientBuilder builder = new BlobServiceClientBuilder().httpClient(http).retryOptions(RETRY);
    try {
      switch (credentials.signIn()) {
        case CONNECTION_STRING -> builder.connectionString(credentials.connectionString());
        case ACCOUNT_KEY -> builder.endpoint(credentials.blobEndpoint())
            .credential(new StorageSharedKeyCredential(credentials.accountName(), credentials.accountKey()));
        case SERVICE_PRINCIPAL -> builder.endpoint(credentials.blobEndpoint())
            .credential(new ClientSecretCredentialBuilder().tenantId(credentials.tenantId())
                .clientId(credentials.clientId()).clientSecret(credentials.clientSecret()).httpClient(http).build());
        case DEFAULT_CREDENTIAL -> builder.endpoint(credentials.blobEndpoint())
            .credential(new DefaultAzureCredentialBuilder().httpClient(http).build());
      }
      return builder.buildClient();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new StorageException("Block type '" + fields.blockType() + "': Azure's SDK cannot sign in with "
          + fields.credentials(credentials.signIn().settings())
          + " as given: mend them (a connection string reads"
          + " 'DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...;EndpointSuffix=core.windows.net')");
    }
  }

  /**
   * A shared client. Azure's clients hold nothing to close: the JDK's HTTP client ends its threads
   * once nothing refers to it, which {@link SharedClients#closeAll} brings about.
   */
  private record Shared(BlobServiceClient client) implements AutoCloseable {
    @Override
    public void close() {}
  }
}
