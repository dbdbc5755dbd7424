package dev.ferry.infrastructure.docker;

import java.text.Normalizer;

/**
 * A container name Docker accepts ({@code [a-zA-Z0-9][a-zA-Z0-9_.-]*}), made from the block's
 * {@code name} or the run's name as Prefect makes it (python-slugify, case kept, at most 250
 * characters): accents dropped, every other run of characters Docker refuses becomes one dash,
 * leading dashes, dots and underscores go. A name taken on the engine gets {@code -1}, {@code -2}...
 */
final class ContainerName {
  private static final int MAX_LENGTH = 250;

  private ContainerName() {}

  /** The name for {@code name}; null when nothing of it is left, and the engine names the container. */
  static String of(String name) {
    if (name == null) {
      return null;
    }
    String slug = Normalizer.normalize(name.replace('\'', '-'), Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
        .replaceAll("(?<=\\d),(?=\\d)", "")
        .replaceAll("[^a-zA-Z0-9_.-]+", "-")
        .replaceAll("-{2,}", "-");
    slug = strip(slug);
    if (slug.length() > MAX_LENGTH) {
      slug = strip(slug.substring(0, MAX_LENGTH));
    }
    slug = slug.replaceFirst("^[_.-]+", "");
    return slug.isEmpty() ? null : slug;
  }

  /** The {@code attempt}th name tried: the name itself first, then {@code name-1}, {@code name-2}... */
  static String attempt(String name, int attempt) {
    return attempt == 0 ? name : name + "-" + attempt;
  }

  private static String strip(String slug) {
    return slug.replaceAll("^-+|-+$", "");
  }
}
