package dev.ferry.storage.azure;

import java.util.List;
import java.util.stream.Collectors;

/**
 * How a block type names its Azure fields, so that every message names the field to mend.
 *
 * @param blockType the Prefect block type slug, e.g. {@code azure}
 * @param locationField the field that holds the container and folder, e.g. {@code bucket_path}
 * @param credentialPrefix what comes before a credential setting's name in the block, e.g.
 *     {@code azure_storage_} for {@code azure_storage_account_key}
 */
public record AzureFields(String blockType, String locationField, String credentialPrefix) {
  /** Prefect's {@code azure} block: {@code bucket_path} and the {@code azure_storage_*} fields. */
  public static final AzureFields AZURE = new AzureFields("azure", "bucket_path", "azure_storage_");

  /** Prefect's {@code remote-file-system} block with an {@code az://} basepath and adlfs settings. */
  public static final AzureFields REMOTE_FILE_SYSTEM = new AzureFields("remote-file-system", "basepath", "settings.");

  /** A credential setting (e.g. {@code account_key}) as this block names it, quoted for a message. */
  String credential(String setting) {
    return "'" + credentialPrefix + setting + "'";
  }

  /** Credential settings as this block names them, quoted and joined for a message. */
  String credentials(List<String> settings) {
    return settings.stream().map(this::credential).collect(Collectors.joining(", "));
  }

  /** The block's location field, quoted for a message. */
  String location() {
    return "'" + locationField + "'";
  }
}
