package dev.ferry.doctor;

/**
 * One finding of {@code ferry doctor}: what was looked at, what was found there and, when it is not
 * right, how to mend it. Infrastructure and storage implementations report their own.
 *
 * @param subject what was looked at, e.g. {@code python3} or {@code work queue 'prod'}
 * @param status whether it is ready
 * @param finding what was found, e.g. {@code 3.11.2 (/usr/bin/python3)}
 * @param fix what to do about it; null when there is nothing to do
 */
public record Check(String subject, Status status, String finding, String fix) {
  /** How a check came out; only {@link #FAILED} makes the doctor exit non-zero. */
  public enum Status { OK, WARNING, FAILED }

  public static Check ok(String subject, String finding) {
    return new Check(subject, Status.OK, finding, null);
  }

  /** Something works, but not as well as it could: flows still run. */
  public static Check warning(String subject, String finding, String fix) {
    return new Check(subject, Status.WARNING, finding, fix);
  }

  /** Something a run needs is missing or wrong. */
  public static Check failed(String subject, String finding, String fix) {
    return new Check(subject, Status.FAILED, finding, fix);
  }

  /** The same finding about another subject, e.g. a block's check named after the deployments that use it. */
  public Check about(String newSubject) {
    return new Check(newSubject, status, finding, fix);
  }
}
