package dev.ferry.storage.gcs;

import com.google.api.client.util.DateTime;
import com.google.api.services.storage.model.StorageObject;
import com.google.cloud.NoCredentials;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import com.google.cloud.storage.spi.v1.StorageRpc;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory GCS for tests: google-cloud-nio's fake under the SDK's {@link Storage}, taking one
 * call at a time (the fake is not thread-safe, and ferry transfers in parallel) and stamping each
 * written object with a later millisecond, as GCS does (the fake keeps whole seconds). Any bucket
 * exists in it, and it takes any credentials.
 */
final class FakeGcs {
  private static final Set<String> WRITES = Set.of("create", "writeWithResponse");
  private final Storage storage;

  FakeGcs() {
    StorageRpc fake = (StorageRpc) LocalStorageHelper.customOptions(false).getRpc();
    AtomicLong clock = new AtomicLong();
    InvocationHandler oneAtATime = (proxy, method, args) -> {
      synchronized (fake) {
        Object result;
        try {
          result = method.invoke(fake, args);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
        if (result instanceof StorageObject written && WRITES.contains(method.getName())) {
          written.setUpdated(new DateTime(clock.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis()))));
        }
        return result;
      }
    };
    StorageRpc safe = (StorageRpc) Proxy.newProxyInstance(StorageRpc.class.getClassLoader(),
        new Class<?>[] {StorageRpc.class}, oneAtATime);
    storage = StorageOptions.http().setProjectId(GcsClients.EMULATOR_PROJECT).setCredentials(NoCredentials.getInstance())
        .setServiceRpcFactory(options -> safe).build().getService();
  }

  /** The SDK client on this fake, for writing into it as another tool would. */
  Storage storage() {
    return storage;
  }

  /** A store of {@code location} on this fake. */
  GcsStore store(GcsLocation location) {
    return new GcsStore(location, patience -> storage);
  }
}
