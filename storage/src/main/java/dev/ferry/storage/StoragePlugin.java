package dev.ferry.storage;

import dev.ferry.plugins.PluginException;
import dev.ferry.plugins.Plugins;

/**
 * The storage that ships as plugins ({@link Plugins}), each with its provider's SDK: a ferry whose
 * blocks are all local never loads one.
 */
public enum StoragePlugin {
  AZURE("ferry-storage-azure", "dev.ferry.storage.azure.AzureProvider"),
  GCS("ferry-storage-gcs", "dev.ferry.storage.gcs.GcsProvider"),
  S3("ferry-storage-s3", "dev.ferry.storage.s3.S3Provider");

  private final String plugin;
  private final String providerClass;

  StoragePlugin(String plugin, String providerClass) {
    this.plugin = plugin;
    this.providerClass = providerClass;
  }

  /** The plugin's provider, loading the plugin the first time; a missing plugin is a {@link StorageException} that says so. */
  public StorageProvider provider() {
    try {
      return Plugins.load(plugin, providerClass, StorageProvider.class);
    } catch (PluginException e) {
      throw new StorageException(e.getMessage());
    }
  }
}
