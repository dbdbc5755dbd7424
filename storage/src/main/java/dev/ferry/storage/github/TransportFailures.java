package dev.ferry.storage.github;

import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;

/** What a JGit failure to reach a repository means for the block's user, and which field mends it. */
final class TransportFailures {
  private static final Pattern MISSING = Pattern.compile(
      "not found|not exported|does not appear to be a git repository");
  private static final Pattern REFUSED = Pattern.compile(
      "not authorized|authentication is required|auth fail|permission denied|not permitted");
  private static final Pattern NO_SSH = Pattern.compile("sshsessionfactory");
  private static final String TOKEN_FIX = "set the block's field 'access_token' to a token that can read the"
      + " repository (a GitHub personal access token with the repo scope; USER:TOKEN for a fine-grained one)";

  private TransportFailures() {}

  /** The problem behind {@code failure} to reach {@code remote}, told without its credentials. */
  static GitProblem explain(Exception failure, GitRemote remote) {
    String detail = remote.redact(detail(failure));
    String shown = remote.shown();
    boolean withToken = remote.hasToken();
    String all = chain(failure);
    boolean ssh = !shown.contains("://") || shown.startsWith("ssh://");
    if (NO_SSH.matcher(all).find()) {
      return new GitProblem("this ferry has no ssh client built in for ssh repository URLs", "use the repository's"
          + " https URL (with the field 'access_token' for a private one), or set GIT_SSH=ssh in the environment so"
          + " that git's transport runs the ssh command", false, failure);
    }
    if (REFUSED.matcher(all).find()) {
      String finding = withToken ? "the repository refused the access_token (" + detail + ")"
          : "the repository asks for credentials and the block has none (" + detail + ")";
      String fix = ssh ? "give this machine an ssh key the repository accepts (~/.ssh), or use the repository's"
          + " https URL and " + TOKEN_FIX : TOKEN_FIX;
      return new GitProblem(finding, fix, false, failure);
    }
    if (hasCause(failure, NoRemoteRepositoryException.class) || MISSING.matcher(all).find()) {
      return new GitProblem("there is no repository there (" + detail + ")", "check the block's field 'repository'"
          + (shown.startsWith("https://") ? "; a private repository looks missing without an 'access_token' that"
          + " can read it" : ""), false, failure);
    }
    return new GitProblem("cannot reach the repository (" + detail + ")", "check the block's field 'repository' and"
        + " that this machine reaches its host (network, proxy, firewall)", true, failure);
  }

  private static String detail(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
        return cause.getMessage().strip();
      }
    }
    return failure.getClass().getSimpleName();
  }

  private static String chain(Throwable failure) {
    StringBuilder messages = new StringBuilder();
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      messages.append(cause.getMessage()).append('\n');
    }
    return messages.toString().toLowerCase(Locale.ROOT);
  }

  private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
    }
    return false;
  }
}
