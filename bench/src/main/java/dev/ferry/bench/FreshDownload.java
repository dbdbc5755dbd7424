package dev.ferry.bench;

import dev.ferry.json.Json;
import dev.ferry.storage.CodeCache;
import dev.ferry.storage.StorageBlocks;
import dev.ferry.storage.Transfer;
import java.nio.file.Path;

/**
 * One cold download through ferry's s3 block, the first thing this JVM does, as an agent's first run
 * after it starts: {@link StorageBench} runs it as its own process. Arguments: the endpoint, the
 * bucket path, the folder to download into, the cache folder (empty). Prints the download's
 * milliseconds.
 */
public final class FreshDownload {
  private FreshDownload() {}

  public static void main(String[] args) {
    System.setProperty("aws.disableEc2Metadata", "true");
    long start = System.nanoTime();
    Transfer transfer = StorageBlocks.create("s3", Json.object().put("bucket_path", args[1])
        .put("aws_access_key_id", LoopbackS3.ACCESS_KEY_ID).put("aws_secret_access_key", LoopbackS3.SECRET_ACCESS_KEY)
        .put("region_name", "us-east-1").put("endpoint_url", args[0]))
        .getDirectory("", Path.of(args[2]), new CodeCache(Path.of(args[3]), CodeCache.DEFAULT_MAX_BYTES));
    double millis = (System.nanoTime() - start) / 1e6;
    System.out.println(transfer.files() + " " + transfer.bytes() + " " + millis);
  }
}
