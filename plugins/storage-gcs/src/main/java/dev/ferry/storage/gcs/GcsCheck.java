package dev.ferry.storage.gcs;

import com.google.auth.Credentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.NoCredentials;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.Storage.BlobField;
import com.google.cloud.storage.Storage.BlobListOption;
import dev.ferry.doctor.Check;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Whether a {@link GcsLocation} can be read from here, for {@code ferry doctor}: one page of one
 * object name under it, the cheapest call that needs what a download needs, answered within
 * {@link #DEADLINE} whatever hangs (the token endpoint, the metadata server, the JSON API).
 */
final class GcsCheck {
  static final Duration DEADLINE = Duration.ofSeconds(8);

  private GcsCheck() {}

  /** The finding about {@code location}, reached with the client {@code storage} gives. */
  static Check of(GcsLocation location, Supplier<Storage> storage) {
    return of(location, storage, DEADLINE);
  }

  /** The finding about {@code location}, or that no answer came within {@code deadline}. */
  static Check of(GcsLocation location, Supplier<Storage> storage, Duration deadline) {
    String subject = location.url("");
    FutureTask<Check> call = new FutureTask<>(() -> reach(location, storage, subject));
    Thread thread = new Thread(call, "ferry-gcs-check");
    thread.setDaemon(true);
    thread.start();
    try {
      return call.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      call.cancel(true);
      return GcsFailure.noAnswer(location, deadline).toCheck(subject);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return GcsFailure.noAnswer(location, Duration.ZERO).toCheck(subject);
    } catch (ExecutionException e) {
      return GcsFailure.of(e.getCause(), location).toCheck(subject);
    }
  }

  private static Check reach(GcsLocation location, Supplier<Storage> storage, String subject) {
    try {
      Storage client = storage.get();
      client.list(location.bucket(), BlobListOption.pageSize(1), BlobListOption.prefix(location.name("")),
          BlobListOption.fields(BlobField.NAME));
      return Check.ok(subject, "reachable " + as(client.getOptions().getCredentials(), location));
    } catch (RuntimeException e) {
      return GcsFailure.of(e, location).toCheck(subject);
    }
  }

  private static String as(Credentials credentials, GcsLocation location) {
    if (credentials instanceof ServiceAccountCredentials account) {
      return "as service account " + account.getClientEmail();
    }
    return credentials instanceof NoCredentials ? "without credentials on " + location.endpoint()
        : "with Application Default Credentials";
  }
}
