package dev.ferry.infrastructure.docker;

/**
 * When the agent pulls the block's image (Prefect's {@code image_pull_policy}). Unset, it is
 * {@link #ALWAYS} for an image tagged {@code latest} or not tagged and {@link #IF_NOT_PRESENT}
 * otherwise, as Prefect and Kubernetes decide it; an image pinned by digest cannot change, so it
 * is pulled only when missing.
 */
enum PullPolicy {
  ALWAYS, NEVER, IF_NOT_PRESENT;

  /** The policy field {@code value} names, or the default for {@code image} when it is empty. */
  static PullPolicy of(String value, ImageReference image) {
    if (value == null || value.isBlank()) {
      String tag = image.tag();
      return !image.hasDigest() && (tag == null || tag.equals("latest")) ? ALWAYS : IF_NOT_PRESENT;
    }
    try {
      return valueOf(value.strip());
    } catch (IllegalArgumentException e) {
      throw DockerBlock.invalid("image_pull_policy", "is '" + value + "'", "use ALWAYS, NEVER or IF_NOT_PRESENT");
    }
  }
}
