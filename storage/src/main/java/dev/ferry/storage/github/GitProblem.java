package dev.ferry.storage.github;

/**
 * Something wrong with a github block's repository, its reference or its content, told the way
 * {@code ferry doctor} tells it: what was found and how to mend it. A download turns it into a
 * {@link dev.ferry.storage.StorageException} naming the repository; a check into a failed finding.
 */
final class GitProblem extends Exception {
  private final String finding;
  private final String fix;
  private final boolean retryable;

  GitProblem(String finding, String fix) {
    this(finding, fix, false, null);
  }

  GitProblem(String finding, String fix, boolean retryable, Throwable cause) {
    super(finding + ": " + fix, cause);
    this.finding = finding;
    this.fix = fix;
    this.retryable = retryable;
  }

  String finding() {
    return finding;
  }

  String fix() {
    return fix;
  }

  /** Whether trying again later may work (the network), rather than only mending the block or the repository. */
  boolean retryable() {
    return retryable;
  }
}
