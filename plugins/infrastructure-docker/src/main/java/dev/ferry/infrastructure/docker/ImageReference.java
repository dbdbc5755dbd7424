package dev.ferry.infrastructure.docker;

/**
 * An image name as Docker reads it, {@code [registry[:port]/]path[:tag][@digest]}: its registry
 * (Docker Hub when the first part names no host), and what to ask the engine for when pulling it.
 *
 * @param name the image as the block gives it, e.g. {@code registry.example.com:5000/etl:1.4}
 */
record ImageReference(String name) {
  static final String DOCKER_HUB = "docker.io";

  /** The tag, or null when the name has none (a digest, or nothing, which Docker reads as {@code latest}). */
  String tag() {
    String named = withoutDigest();
    int colon = named.lastIndexOf(':');
    return colon > named.lastIndexOf('/') ? named.substring(colon + 1) : null;
  }

  boolean hasDigest() {
    return name.contains("@");
  }

  /** The name without its tag: what a pull asks for, with {@link #pullTag()}. */
  String repository() {
    if (hasDigest()) {
      return name;
    }
    String tag = tag();
    return tag == null ? name : name.substring(0, name.length() - tag.length() - 1);
  }

  /** The tag a pull asks for: null for a digest (in the repository), {@code latest} when none is given. */
  String pullTag() {
    if (hasDigest()) {
      return null;
    }
    return tag() == null ? "latest" : tag();
  }

  /** The registry host the image comes from, as Docker decides it: {@code docker.io} for a plain name. */
  String registry() {
    int slash = name.indexOf('/');
    if (slash < 0) {
      return DOCKER_HUB;
    }
    String first = name.substring(0, slash);
    return first.contains(".") || first.contains(":") || first.equals("localhost") ? first : DOCKER_HUB;
  }

  private String withoutDigest() {
    int at = name.indexOf('@');
    return at < 0 ? name : name.substring(0, at);
  }

  @Override
  public String toString() {
    return name;
  }
}
