package dev.ferry.storage.github;

import dev.ferry.storage.StorageException;
import java.net.URISyntaxException;
import java.util.Set;
import org.eclipse.jgit.transport.URIish;

/** A github block's {@code repository} and {@code access_token} fields checked as Prefect checks them, made a {@link GitRemote}. */
final class RepositoryUrl {
  private static final Set<String> SCHEMES = Set.of("https", "http", "git", "ssh", "git+ssh", "ssh+git", "file");
  private static final String FORMS = "https://github.com/OWNER/REPO.git, git://HOST/REPO.git,"
      + " git@HOST:OWNER/REPO.git, ssh://git@HOST/OWNER/REPO.git or file:///PATH/TO/REPO.git";

  private RepositoryUrl() {}

  /**
   * The remote of {@code repository}, read with {@code accessToken} (null or blank: none). A token
   * with a URL other than https is refused, as by Prefect: it would travel in clear or be ignored.
   */
  static GitRemote remote(String repository, String accessToken) {
    if (repository == null || repository.isBlank()) {
      throw new StorageException("Block type 'github' needs field 'repository': the URL of the git repository that"
          + " holds the code, e.g. " + FORMS);
    }
    URIish uri = parse(repository.strip());
    boolean https = "https".equals(uri.getScheme());
    boolean withToken = accessToken != null && !accessToken.isBlank();
    String shown = (https || "http".equals(uri.getScheme()) ? uri.setUser(null) : uri).setPass(null).toString()
        .replaceAll("/+$", "");
    if (withToken && !https) {
      throw new StorageException("Block type 'github' field 'access_token' can only be used with an https repository"
          + " URL, not " + shown + ": remove the token, or give field 'repository' as https://HOST/OWNER/REPO.git");
    }
    return new GitRemote(repository.strip(), shown, withToken ? accessToken.strip() : null);
  }

  private static URIish parse(String repository) {
    URIish uri;
    try {
      uri = new URIish(repository);
    } catch (URISyntaxException e) {
      throw new StorageException("Block type 'github' field 'repository' is not a git URL: give one of " + FORMS,
          false, e);
    }
    boolean scpLike = uri.getScheme() == null && uri.getHost() != null;
    if (!scpLike && !SCHEMES.contains(String.valueOf(uri.getScheme()))) {
      throw new StorageException("Block type 'github' field 'repository' must be a git URL, e.g. " + FORMS + " (a"
          + " folder on this machine as file:///PATH)");
    }
    return uri;
  }
}
