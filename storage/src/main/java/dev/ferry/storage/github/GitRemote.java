package dev.ferry.storage.github;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * A github block's repository as JGit reaches it: its references listed ({@code ls-remote}) and
 * one of them cloned with depth 1. A token travels only in the credentials provider, never in the
 * URL, so that no JGit message can print it.
 */
final class GitRemote {
  private final String repository;
  private final String shown;
  private final String token;
  private final CredentialsProvider credentials;

  /** {@code repository} as the block gives it, {@code shown} without credentials; {@code token} is null when there is none. */
  GitRemote(String repository, String shown, String token) {
    this.repository = repository;
    this.shown = shown;
    this.token = token;
    this.credentials = token == null ? null : credentials(token);
  }

  /** The repository's URL without credentials, for messages. */
  String shown() {
    return shown;
  }

  boolean hasToken() {
    return token != null;
  }

  /** {@code message} with the repository's URL shown without credentials and the token masked. */
  String redact(String message) {
    String redacted = message.replace(repository, shown);
    return token == null ? redacted : redacted.replace(token, "****");
  }

  /** The repository's references by full name, HEAD included, waiting at most {@code timeoutSeconds} on the network. */
  Map<String, Ref> refs(int timeoutSeconds) throws GitProblem {
    try {
      return configure(Git.lsRemoteRepository().setRemote(repository), timeoutSeconds).callAsMap();
    } catch (GitAPIException | RuntimeException e) {
      throw TransportFailures.explain(e, this);
    }
  }

  /**
   * Clones {@code ref}, a full reference name, with depth 1 into {@code dir}, an empty folder: init,
   * fetch, checkout, so that the fetch starts no background gc that would still write into the
   * clone while it is copied or deleted.
   */
  void cloneInto(Path dir, String ref, int timeoutSeconds) throws GitProblem {
    try (Git clone = Git.init().setDirectory(dir.toFile()).call()) {
      StoredConfig config = clone.getRepository().getConfig();
      config.setBoolean(ConfigConstants.CONFIG_FETCH_SECTION, null, "autogc", false);
      config.setString(ConfigConstants.CONFIG_REMOTE_SECTION, Constants.DEFAULT_REMOTE_NAME,
          ConfigConstants.CONFIG_KEY_URL, repository);
      config.save();
      configure(clone.fetch(), timeoutSeconds).setRemote(Constants.DEFAULT_REMOTE_NAME)
          .setRefSpecs(new RefSpec(ref + ":" + ref)).setDepth(1).setTagOpt(TagOpt.NO_TAGS).call();
      clone.checkout().setName(ref).call();
    } catch (TransportException | InvalidRemoteException e) {
      throw TransportFailures.explain(e, this);
    } catch (GitAPIException | IOException | RuntimeException e) {
      throw new GitProblem("cannot clone '" + Repository.shortenRefName(ref) + "' into " + dir + " ("
          + redact(String.valueOf(e.getMessage())) + ")", "check the free space and the permissions of the"
          + " temporary folder (java.io.tmpdir)", false, e);
    }
  }

  private <C extends TransportCommand<C, ?>> C configure(C command, int timeoutSeconds) {
    command.setTimeout(timeoutSeconds);
    return credentials == null ? command : command.setCredentialsProvider(credentials);
  }

  /** The token as Prefect hands it to git: {@code USER:TOKEN} (a fine-grained token), or the token alone as user name. */
  private static CredentialsProvider credentials(String token) {
    int colon = token.indexOf(':');
    return colon < 0 ? new UsernamePasswordCredentialsProvider(token, "")
        : new UsernamePasswordCredentialsProvider(token.substring(0, colon), token.substring(colon + 1));
  }
}
