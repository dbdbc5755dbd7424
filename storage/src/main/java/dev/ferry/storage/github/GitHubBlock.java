package dev.ferry.storage.github;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.doctor.Check;
import dev.ferry.json.Json;
import dev.ferry.storage.BlockPath;
import dev.ferry.storage.CodeCache;
import dev.ferry.storage.IgnoreRules;
import dev.ferry.storage.LocalTree;
import dev.ferry.storage.Progress;
import dev.ferry.storage.StorageBlock;
import dev.ferry.storage.StorageException;
import dev.ferry.storage.Transfer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.lib.Repository;

/**
 * Prefect's {@code github} block: code read from a git repository (GitHub or any git server), never
 * written. A download is a shallow clone of the block's reference into a temporary folder, then
 * a copy of the deployment's path into the run's folder under the same path, as Prefect's
 * {@code GitHub.get_directory} does: the run's folder stands for the repository's root, where the
 * entrypoint is relative to. The agent's code cache is not used: the shallow clone is the transfer.
 */
public final class GitHubBlock implements StorageBlock {
  private static final int LIST_TIMEOUT_SECONDS = 30;
  private static final int CLONE_TIMEOUT_SECONDS = 120;
  private static final int CHECK_TIMEOUT_SECONDS = 10;

  private final GitRemote remote;
  private final String reference;
  private final boolean includeGitObjects;

  /** The block document's fields. */
  record Fields(String repository, String reference, String accessToken, Boolean includeGitObjects) {}

  private GitHubBlock(GitRemote remote, String reference, boolean includeGitObjects) {
    this.remote = remote;
    this.reference = reference;
    this.includeGitObjects = includeGitObjects;
  }

  /** The block of a {@code github} block document's data; a missing or wrong field is an error naming it. */
  public static GitHubBlock fromBlock(ObjectNode data) {
    Fields fields = Json.convert(data, Fields.class);
    String reference = fields.reference() == null ? "" : fields.reference().strip();
    return new GitHubBlock(RepositoryUrl.remote(fields.repository(), fields.accessToken()), reference,
        fields.includeGitObjects() == null || fields.includeGitObjects());
  }

  /** The repository's URL without credentials, then {@code @reference} when the block names one, then {@code /path}. */
  @Override
  public String url(String path) {
    String folder = BlockPath.normalize(path);
    return remote.shown() + (reference.isEmpty() ? "" : "@" + reference) + (folder.isEmpty() ? "" : "/" + folder);
  }

  /**
   * Clones the block's reference with depth 1 and copies its folder {@code fromPath} ("" for all)
   * to {@code localDir/fromPath}, leaving {@code .git} out unless {@code include_git_objects}. A
   * symlink that points outside that folder refuses the download before anything is written.
   */
  @Override
  public Transfer getDirectory(String fromPath, Path localDir, CodeCache cache) {
    String folder = BlockPath.normalize(fromPath);
    Path target;
    try {
      target = LocalTree.confined(localDir, folder);
    } catch (StorageException outside) {
      throw new StorageException("Cannot download " + url(folder) + ": path '" + fromPath + "' is outside the"
          + " repository; give a folder of the repository, or \"\" for all of it", false, outside);
    }
    try (TemporaryClone clone = TemporaryClone.create()) {
      remote.cloneInto(clone.dir(), References.resolve(remote.refs(LIST_TIMEOUT_SECONDS), reference),
          CLONE_TIMEOUT_SECONDS);
      return CheckoutCopy.copy(clone.dir(), folder, target, includeGitObjects);
    } catch (GitProblem problem) {
      throw new StorageException("Cannot download " + url(folder) + ": " + problem.finding() + "; " + problem.fix(),
          problem.retryable(), problem);
    } catch (IOException e) {
      throw new StorageException("Cannot copy " + url(folder) + " into " + target + ": " + e.getMessage(), false, e);
    }
  }

  @Override
  public boolean readOnly() {
    return true;
  }

  /** Always fails: ferry does not push; the code reaches the repository with git. */
  @Override
  public Transfer putDirectory(Path localDir, String toPath, IgnoreRules ignore, Progress progress) {
    throw new StorageException("A github block is read-only: ferry does not push code to " + url(toPath)
        + ". Push the code with git (git add, git commit, git push) to the branch or tag the block names, then"
        + " build the deployment with --skip-upload");
  }

  /** Whether the repository answers {@code ls-remote} and has the block's reference, within a few seconds. */
  @Override
  public List<Check> checks() {
    String subject = "github " + url("");
    try {
      String ref = References.resolve(remote.refs(CHECK_TIMEOUT_SECONDS), reference);
      return List.of(Check.ok(subject, "repository reachable, reference '" + Repository.shortenRefName(ref)
          + "' found"));
    } catch (GitProblem problem) {
      return List.of(Check.failed(subject, problem.finding(), problem.fix()));
    }
  }
}
