package dev.ferry.bench;

import dev.ferry.storage.CodeCache;
import dev.ferry.storage.CodeManifest;
import dev.ferry.storage.IgnoreRules;
import dev.ferry.storage.LocalTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Ferry's {@link CodeCache} without a store: a project's files placed into a folder on 8 threads,
 * as a download's transfer pool places them, each fetched by copying the project's file. What the
 * cache's own file work costs, beside what the network costs.
 */
final class LocalPlacement implements AutoCloseable {
  private final ExecutorService pool = Executors.newFixedThreadPool(8);
  private final Map<LocalTree.LocalFile, String> sha256 = new LinkedHashMap<>();

  LocalPlacement(Path project) throws Exception {
    for (LocalTree.LocalFile file : LocalTree.files(project, IgnoreRules.none(), null)) {
      sha256.put(file, CodeManifest.sha256(file.path()));
    }
  }

  /** Places every file under {@code dir} through {@code cache}; how many came from the cache. */
  int place(CodeCache cache, Path dir) throws Exception {
    List<Callable<Boolean>> places = new ArrayList<>();
    sha256.forEach((file, hash) -> places.add(() -> cache.place(hash, dir.resolve(file.relative()), file.relative(),
        target -> Files.copy(file.path(), target))));
    int hits = 0;
    for (Future<Boolean> hit : pool.invokeAll(places)) {
      hits += hit.get() ? 1 : 0;
    }
    return hits;
  }

  @Override
  public void close() {
    pool.shutdown();
  }
}
