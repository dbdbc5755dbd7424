package dev.ferry.infrastructure.kubernetes;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Names and label values Kubernetes accepts, made from free text as Prefect makes them (python-slugify):
 * accents dropped, lower case, each run of characters the kind of name refuses becomes one dash, cut to the
 * length it allows, with no dash, dot or underscore at either end.
 */
final class Slug {
  /** A Job name's start: room is left for the five characters Kubernetes adds to a generateName. */
  static final int JOB_NAME_LENGTH = 45;
  /** The longest name or label value Kubernetes accepts. */
  static final int MAX_LENGTH = 63;
  private static final Pattern NOT_IN_NAME = Pattern.compile("[^a-z0-9-]+");
  private static final Pattern NOT_IN_LABEL = Pattern.compile("[^a-z0-9-_.]+");
  private static final Pattern NOT_IN_PREFIX = Pattern.compile("[^a-z0-9-.]+");
  private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  private Slug() {}

  /** The start of a Job's generated name; empty when nothing of {@code name} is left. */
  static String jobName(String name) {
    return of(name, NOT_IN_NAME, JOB_NAME_LENGTH);
  }

  /** A label value; the text itself when nothing of it is left, for Kubernetes to refuse. */
  static String labelValue(String value) {
    String slug = of(value, NOT_IN_LABEL, MAX_LENGTH);
    return slug.isEmpty() ? value : slug;
  }

  /** A label key: an optional prefix (at most 253 characters) and a name (at most 63), each slugged. */
  static String labelKey(String key) {
    int slash = key.indexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    String nameSlug = of(name, NOT_IN_LABEL, MAX_LENGTH);
    nameSlug = nameSlug.isEmpty() ? name : nameSlug;
    if (slash < 0) {
      return nameSlug;
    }
    String prefix = key.substring(0, slash);
    String prefixSlug = of(prefix, NOT_IN_PREFIX, 253);
    return (prefixSlug.isEmpty() ? prefix : prefixSlug) + "/" + nameSlug;
  }

  /** Whether Kubernetes takes {@code value} as a label's value. */
  static boolean validLabelValue(String value) {
    return value.length() <= MAX_LENGTH && LABEL_VALUE.matcher(value).matches();
  }

  /** Whether Kubernetes takes {@code name} as a Job's name (an RFC 1123 label, which its pods' labels carry). */
  static boolean validJobName(String name) {
    return name.length() <= MAX_LENGTH && DNS_LABEL.matcher(name).matches();
  }

  private static String of(String text, Pattern refused, int maxLength) {
    String slug = Normalizer.normalize(text.replace("'", ""), Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
        .toLowerCase();
    slug = trim(refused.matcher(slug).replaceAll("-").replaceAll("-{2,}", "-"));
    return slug.length() > maxLength ? trim(slug.substring(0, maxLength)) : slug;
  }

  private static String trim(String slug) {
    return slug.replaceAll("^[-_.]+|[-_.]+$", "");
  }
}
