package dev.ferry.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The baseline a person would write with the AWS SDK alone: a PutObject per file to upload a folder,
 * a ListObjectsV2 paginator and a GetObject to a file per object to download one; one after another
 * on the calling thread, or on a pool of threads.
 */
final class SdkLoop implements AutoCloseable {
  private final S3Client client;
  private final ExecutorService pool;

  /** Calls on the calling thread when {@code threads} is 1, else on a pool of that many. */
  SdkLoop(S3Client client, int threads) {
    this.client = client;
    this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads);
  }

  /** Puts every file of {@code dir} under {@code bucket/prefix/}; how many. */
  int upload(Path dir, String bucket, String prefix) throws Exception {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    List<Callable<Object>> puts = new ArrayList<>();
    for (Path file : files) {
      String key = prefix + "/" + dir.relativize(file).toString().replace('\\', '/');
      puts.add(() -> client.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromFile(file)));
    }
    return run(puts);
  }

  /** Gets every object under {@code bucket/prefix/} into {@code dir}; how many. */
  int download(String bucket, String prefix, Path dir) throws Exception {
    List<Callable<Object>> gets = new ArrayList<>();
    for (S3Object object : client.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(prefix + "/"))
        .contents()) {
      Path target = dir.resolve(object.key().substring(prefix.length() + 1));
      gets.add(() -> {
        Files.createDirectories(target.getParent());
        return client.getObject(request -> request.bucket(bucket).key(object.key()),
            ResponseTransformer.toFile(target));
      });
    }
    return run(gets);
  }

  /** How many objects there are under {@code bucket/prefix/}. */
  int list(String bucket, String prefix) {
    return (int) client.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(prefix + "/")).contents()
        .stream().count();
  }

  /** Makes the calls, on the pool if there is one; how many, once all have succeeded. */
  private int run(List<Callable<Object>> calls) throws Exception {
    if (pool == null) {
      for (Callable<Object> call : calls) {
        call.call();
      }
    } else {
      for (Future<Object> future : pool.invokeAll(calls)) {
        future.get();
      }
    }
    return calls.size();
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdown();
    }
    client.close();
  }
}
