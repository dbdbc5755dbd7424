package dev.ferry.storage.s3;

import static dev.ferry.storage.s3.EmbeddedS3Proxy.ACCESS_KEY_ID;

import dev.ferry.json.Json;
import dev.ferry.storage.StorageBlock;
import dev.ferry.storage.StorageBlocks;
import java.util.Map;

/**
 * The {@code remote-file-system} block on an {@code s3://} basepath, with s3fs's {@code key},
 * {@code secret} and {@code client_kwargs.endpoint_url} settings, held to everything the s3 block is
 * held to, on s3proxy.
 */
class S3RemoteFileSystemIT extends S3StorageIT {
  @Override
  StorageBlock storageOn(String bucketPath, String secret) {
    return StorageBlocks.create("remote-file-system", Json.object().put("basepath", "s3://" + bucketPath)
        .set("settings", Json.toTree(Map.of("key", ACCESS_KEY_ID, "secret", secret,
            "client_kwargs", Map.of("endpoint_url", s3.endpoint().toString(), "region_name", "us-east-1")))));
  }

  @Override
  String credentialFields() {
    return "settings.key / settings.secret";
  }
}
