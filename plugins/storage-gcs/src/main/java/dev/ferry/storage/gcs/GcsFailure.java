package dev.ferry.storage.gcs;

import com.google.cloud.BaseServiceException;
import dev.ferry.doctor.Check;
import dev.ferry.storage.StorageException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * What went wrong with a call to GCS, said for a person: what was found and how to mend it, the
 * same words for an error and for a {@code ferry doctor} finding.
 */
record GcsFailure(String finding, String fix, boolean retryable) {
  /** Reads a failure of the SDK for a call on {@code location}. */
  static GcsFailure of(Throwable error, GcsLocation location) {
    if (error instanceof Unusable unusable) {
      return unusable.failure;
    }
    int code = error instanceof BaseServiceException service ? service.getCode() : 0;
    String said = firstLine(error);
    return switch (code) {
      case 401 -> refused(location, said);
      case 403 -> new GcsFailure("permission denied (" + said + ")", "grant " + identity(location)
          + " the role Storage Object Admin on bucket '" + location.bucket() + "' (Storage Object Viewer"
          + " for an agent that only downloads)", false);
      case 404 -> new GcsFailure("there is no bucket '" + location.bucket() + "' (" + said + ")",
          "create it (gcloud storage buckets create gs://" + location.bucket() + ") or correct the bucket in the"
              + " block's path",
          false);
      case 0 -> unanswered(error, location, said);
      default -> new GcsFailure("GCS answered " + code + " (" + said + ")",
          code == 429 || code >= 500 ? "try again later" : "see GCS's answer", code == 429 || code >= 500);
    };
  }

  /** Thrown where a failure is known before any call, e.g. credentials that cannot be had; {@link #of} reads it back. */
  static final class Unusable extends RuntimeException {
    private final transient GcsFailure failure;

    Unusable(GcsFailure failure) {
      super(failure.finding(), null, false, false);
      this.failure = failure;
    }
  }

  /** This failure as the error of {@code doing} ("list", "upload to") the object at {@code url}. */
  StorageException toException(String doing, String url, Throwable cause) {
    return new StorageException("Cannot " + doing + " " + url + ": " + finding + ". Fix: " + fix, retryable, cause);
  }

  /** This failure as a finding of {@code ferry doctor} about {@code subject}. */
  Check toCheck(String subject) {
    return Check.failed(subject, finding, fix);
  }

  private static GcsFailure unanswered(Throwable error, GcsLocation location, String said) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException || cause instanceof UnknownHostException
          || cause instanceof SocketTimeoutException) {
        return new GcsFailure("cannot reach " + where(location) + " (" + firstLine(cause) + ")", networkFix(location),
            true);
      }
      if (cause instanceof IOException && firstLine(cause).contains("access token")) {
        return refused(location, firstLine(cause));
      }
    }
    return new GcsFailure("the call failed (" + said + ")", "try again; if it fails again, this error's cause says more", true);
  }

  /** No answer came within {@code waited}. */
  static GcsFailure noAnswer(GcsLocation location, Duration waited) {
    return new GcsFailure("no answer from " + where(location) + " within " + waited.toSeconds() + " s",
        networkFix(location), true);
  }

  private static String where(GcsLocation location) {
    return location.endpoint() == null ? "storage.googleapis.com" : location.endpoint();
  }

  private static String networkFix(GcsLocation location) {
    return location.endpoint() == null ? "check this machine's network and proxy settings"
        : "start the storage emulator there or mend " + GcsLocation.EMULATOR_HOST;
  }

  private static GcsFailure refused(GcsLocation location, String said) {
    String fix = location.serviceAccountJson() != null
        ? "give the block a current key of a service account (this one is deleted, disabled or not a key)"
        : location.endpoint() != null ? "check what the emulator at " + location.endpoint() + " expects"
        : "give the block a service account key, or make Application Default Credentials work on this machine"
            + " (GOOGLE_APPLICATION_CREDENTIALS, 'gcloud auth application-default login', the VM's service account)";
    return new GcsFailure("the credentials were refused (" + said + ")", fix, false);
  }

  private static String identity(GcsLocation location) {
    return location.serviceAccountJson() != null ? "the block's service account"
        : "the identity of Application Default Credentials";
  }

  private static String firstLine(Throwable error) {
    String message = String.valueOf(error.getMessage()).strip();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
