package dev.ferry.cli.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;

/** What {@code ferry deployment build} was asked for. Nullable fields were not given. */
public record BuildRequest(
    String entrypoint,
    String name,
    String workQueue,
    List<String> tags,
    String version,
    Path output,
    String infrastructureBlock,
    String storageBlock,
    List<String> overrides,
    List<String> params,
    String paramsJson,
    String path,
    boolean skipUpload,
    ObjectNode schedule) {

  /** Whether building needs the API: to read saved blocks. */
  public boolean readsBlocks() {
    return infrastructureBlock != null || storageBlock != null;
  }
}
