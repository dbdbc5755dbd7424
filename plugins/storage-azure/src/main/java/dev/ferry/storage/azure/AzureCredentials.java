package dev.ferry.storage.azure;

import java.util.ArrayList;
import java.util.List;

/**
 * A storage account and how to sign in to it, as Prefect's azure block and adlfs take them. Blank
 * values count as absent. The first that applies wins: a connection string; an account name with
 * its key (shared key); an account name with a service principal (tenant, client id and secret);
 * an account name alone, signed in by {@code DefaultAzureCredential} (environment, workload or
 * managed identity, Azure CLI). {@link #toString} leaves the secrets out.
 *
 * @param endpoint the account's Blob service URL; null for {@code https://ACCOUNT.blob.core.windows.net}
 */
public record AzureCredentials(String connectionString, String accountName, String accountKey, String tenantId,
    String clientId, String clientSecret, String endpoint) {

  /** A service principal's settings. */
  static final List<String> PRINCIPAL = List.of("tenant_id", "client_id", "client_secret");

  /** The ways to sign in, each with the settings it reads. */
  public enum SignIn {
    CONNECTION_STRING(List.of("connection_string")),
    ACCOUNT_KEY(List.of("account_name", "account_key")),
    SERVICE_PRINCIPAL(List.of("account_name", "tenant_id", "client_id", "client_secret")),
    DEFAULT_CREDENTIAL(List.of("account_name"));

    private final List<String> settings;

    SignIn(List<String> settings) {
      this.settings = settings;
    }

    /** The settings this way reads, e.g. {@code account_key}, without a block's prefix. */
    public List<String> settings() {
      return settings;
    }
  }

  public AzureCredentials {
    connectionString = present(connectionString);
    accountName = present(accountName);
    accountKey = present(accountKey);
    tenantId = present(tenantId);
    clientId = present(clientId);
    clientSecret = present(clientSecret);
    endpoint = present(endpoint);
  }

  /** Which way these credentials sign in; null when there is neither a connection string nor an account name. */
  public SignIn signIn() {
    if (connectionString != null) {
      return SignIn.CONNECTION_STRING;
    }
    if (accountName == null) {
      return null;
    }
    if (accountKey != null) {
      return SignIn.ACCOUNT_KEY;
    }
    if (tenantId != null || clientId != null || clientSecret != null) {
      return SignIn.SERVICE_PRINCIPAL;
    }
    return SignIn.DEFAULT_CREDENTIAL;
  }

  /** Which of {@link #PRINCIPAL} are blank. */
  List<String> missingPrincipalSettings() {
    List<String> missing = new ArrayList<>();
    if (tenantId == null) {
      missing.add("tenant_id");
    }
    if (clientId == null) {
      missing.add("client_id");
    }
    if (clientSecret == null) {
      missing.add("client_secret");
    }
    return missing;
  }

  /** The Blob service URL of the named account; not used with a connection string, which has its own. */
  String blobEndpoint() {
    return endpoint != null ? endpoint : "https://" + accountName + ".blob.core.windows.net";
  }

  @Override
  public String toString() {
    return "AzureCredentials[signIn=" + signIn() + ", accountName=" + accountName + ", endpoint=" + endpoint + "]";
  }

  private static String present(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
