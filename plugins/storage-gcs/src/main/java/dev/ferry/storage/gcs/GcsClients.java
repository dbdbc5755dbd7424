package dev.ferry.storage.gcs;

import com.google.auth.Credentials;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.NoCredentials;
import com.google.cloud.ServiceOptions;
import com.google.cloud.http.HttpTransportOptions;
import com.google.cloud.storage.HttpStorageOptions;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import dev.ferry.storage.SharedClients;
import java.io.IOException;

/**
 * The process's GCS clients over the HTTP/JSON API, one per endpoint, project, credentials and
 * patience, made on first use and shared by every block that needs the same. Credentials come from
 * the location: its service account key, none on an emulator, Application Default Credentials
 * otherwise.
 */
final class GcsClients {
  /** How long a client waits: transfers retry as the SDK does, checks answer within seconds. */
  enum Patience { TRANSFER, CHECK }

  /** The project an emulator is told when the block names none: emulators do not check it. */
  static final String EMULATOR_PROJECT = "demo-ferry";
  private static final int CHECK_CONNECT_MILLIS = 3_000;
  private static final int CHECK_READ_MILLIS = 5_000;
  private static final SharedClients<Key, Storage> CLIENTS = new SharedClients<>();

  private record Key(String endpoint, String project, String serviceAccountJson, Patience patience) {
    @Override
    public String toString() {
      return "GcsClients.Key[" + endpoint + ", " + project + ", " + patience + "]";
    }
  }

  private GcsClients() {}

  /** The client for {@code location}, made the first time. */
  static Storage of(GcsLocation location, Patience patience) {
    return CLIENTS.get(new Key(location.endpoint(), location.project(), location.serviceAccountJson(), patience),
        GcsClients::make);
  }

  private static Storage make(Key key) {
    Credentials credentials = credentials(key);
    String project = key.project() != null ? key.project()
        : credentials instanceof ServiceAccountCredentials account ? account.getProjectId()
        : key.endpoint() != null ? EMULATOR_PROJECT : null;
    HttpStorageOptions.Builder options = StorageOptions.http().setProjectId(project).setCredentials(credentials);
    if (key.endpoint() != null) {
      options.setHost(key.endpoint());
    }
    if (key.patience() == Patience.CHECK) {
      options.setRetrySettings(ServiceOptions.getNoRetrySettings()).setTransportOptions(HttpTransportOptions
          .newBuilder().setConnectTimeout(CHECK_CONNECT_MILLIS).setReadTimeout(CHECK_READ_MILLIS).build());
    }
    return options.build().getService();
  }

  private static Credentials credentials(Key key) {
    if (key.serviceAccountJson() != null) {
      try {
        return ServiceAccountKey.parse(key.serviceAccountJson());
      } catch (IllegalArgumentException e) {
        throw new GcsFailure.Unusable(new GcsFailure("the service account key " + e.getMessage(),
            "give the whole JSON key file of a service account", false));
      }
    }
    if (key.endpoint() != null) {
      return NoCredentials.getInstance();
    }
    try {
      return GoogleCredentials.getApplicationDefault();
    } catch (IOException e) {
      throw new GcsFailure.Unusable(new GcsFailure("no credentials: the block has no service account key and"
          + " this machine has no Application Default Credentials", "give the block a service account key, or set"
          + " GOOGLE_APPLICATION_CREDENTIALS to a key file, or run 'gcloud auth application-default login'", false));
    }
  }
}
