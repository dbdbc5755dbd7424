package dev.ferry.storage.azure;

import dev.ferry.storage.BlockPath;
import dev.ferry.storage.StorageException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a block keeps code in Azure Blob Storage: a container, a folder in it ("" for its root)
 * and the account's credentials. Valid once built: a container name Azure accepts and enough
 * credentials to sign in, or a {@link StorageException} naming the block type and the field.
 * Both Prefect's {@code azure} block and {@code remote-file-system} with an {@code az://} basepath
 * make one and open it with {@link AzureObjectStore#open}.
 */
public record AzureLocation(AzureFields fields, String container, String prefix, AzureCredentials credentials) {
  private static final Pattern CONTAINER_NAME = Pattern.compile("\\$root|\\$web|[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]");

  public AzureLocation {
    if (container == null || container.isBlank()) {
      throw new StorageException("Block type '" + fields.blockType() + "' needs field " + fields.location()
          + ": the container, optionally followed by a folder in it (container/some/folder)");
    }
    if (!CONTAINER_NAME.matcher(container).matches()) {
      throw new StorageException("Block type '" + fields.blockType() + "': field " + fields.location()
          + " names container '" + container + "', which Azure does not accept: a container name has 3 to 63"
          + " lowercase letters, digits and single hyphens, starting and ending with a letter or digit");
    }
    prefix = BlockPath.normalize(prefix);
    requireSignIn(fields, credentials);
  }

  /** A location from {@code container} or {@code container/some/folder}, as the azure block's {@code bucket_path}. */
  public static AzureLocation of(AzureFields fields, String containerAndFolder, AzureCredentials credentials) {
    BlockPath.BucketPath path = BlockPath.BucketPath.parse(containerAndFolder);
    return new AzureLocation(fields, path.bucket(), path.folder(), credentials);
  }

  private static void requireSignIn(AzureFields fields, AzureCredentials credentials) {
    AzureCredentials.SignIn signIn = credentials.signIn();
    if (signIn == null) {
      throw new StorageException("Block type '" + fields.blockType() + "' needs field "
          + fields.credential("connection_string") + ", or " + fields.credential("account_name") + " with "
          + fields.credential("account_key") + " (or with a service principal's "
          + fields.credentials(AzureCredentials.PRINCIPAL) + ", or alone to sign in as this machine's Azure identity)");
    }
    List<String> missing = credentials.missingPrincipalSettings();
    if (signIn == AzureCredentials.SignIn.SERVICE_PRINCIPAL && !missing.isEmpty()) {
      throw new StorageException("Block type '" + fields.blockType() + "' signs in as a service principal, which"
          + " needs " + fields.credentials(missing) + " as well: fill them, or give "
          + fields.credential("account_key") + " instead");
    }
  }

}
