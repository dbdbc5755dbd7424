package dev.ferry.storage.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.json.Json;
import dev.ferry.storage.StorageException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Azure side of Prefect's {@code remote-file-system} block: a {@code basepath} of
 * {@code az://container/folder}, {@code abfs://container/folder} or
 * {@code abfss://container@account.dfs.core.windows.net/folder}, signed in with the adlfs
 * {@code settings} {@code connection_string}, {@code account_name}, {@code account_key},
 * {@code tenant_id}, {@code client_id}, {@code client_secret} and {@code account_host}.
 */
final class AzureRemoteFileSystem {
  private static final Pattern BASEPATH = Pattern.compile("(?i)(?:az|abfss?)://([^/@]+)(?:@([^/]+))?(/.*)?");

  /** The adlfs settings ferry reads; any others are left to adlfs. */
  record Settings(String connectionString, String accountName, String accountKey, String tenantId, String clientId,
      String clientSecret, String accountHost) {}

  private AzureRemoteFileSystem() {}

  /** The location of an Azure basepath, with its settings (null for none); a basepath without a container is an error. */
  static AzureLocation location(String basepath, JsonNode settings) {
    Matcher url = BASEPATH.matcher(basepath == null ? "" : basepath.strip());
    if (!url.matches()) {
      throw new StorageException("Block type 'remote-file-system': field 'basepath' (" + basepath
          + ") names no container: give it as az://container/folder");
    }
    Settings given = settings == null || settings.isNull() ? new Settings(null, null, null, null, null, null, null)
        : Json.convert(settings, Settings.class);
    String host = given.accountHost() != null ? given.accountHost() : url.group(2);
    String accountName = given.accountName() != null || host == null ? given.accountName()
        : host.substring(0, host.indexOf('.') < 0 ? host.length() : host.indexOf('.'));
    String endpoint = host == null ? null : "https://" + host.replaceFirst("(?i)\\.dfs\\.", ".blob.");
    AzureCredentials credentials = new AzureCredentials(given.connectionString(), accountName, given.accountKey(),
        given.tenantId(), given.clientId(), given.clientSecret(), endpoint);
    return AzureLocation.of(AzureFields.REMOTE_FILE_SYSTEM,
        url.group(1) + (url.group(3) == null ? "" : url.group(3)), credentials);
  }
}
