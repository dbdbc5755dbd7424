package dev.ferry.storage.azure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.json.Json;
import dev.ferry.storage.ObjectStorage;

/**
 * Prefect's {@code azure} block: code in an Azure Blob Storage container, under the folder that
 * {@code bucket_path} names ({@code container} or {@code container/some/folder}), signed in with
 * the block's {@code azure_storage_*} fields as {@link AzureCredentials} describes.
 */
public final class AzureBlock {
  /** The block document's fields. */
  record Fields(String bucketPath, String azureStorageConnectionString, String azureStorageAccountName,
      String azureStorageAccountKey, String azureStorageTenantId, String azureStorageClientId,
      String azureStorageClientSecret) {}

  private AzureBlock() {}

  public static ObjectStorage fromBlock(ObjectNode data) {
    Fields fields = Json.convert(data, Fields.class);
    AzureCredentials credentials = new AzureCredentials(fields.azureStorageConnectionString(),
        fields.azureStorageAccountName(), fields.azureStorageAccountKey(), fields.azureStorageTenantId(),
        fields.azureStorageClientId(), fields.azureStorageClientSecret(), null);
    return new ObjectStorage(AzureObjectStore.open(AzureLocation.of(AzureFields.AZURE, fields.bucketPath(), credentials)));
  }
}
