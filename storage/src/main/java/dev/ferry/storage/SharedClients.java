package dev.ferry.storage;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An implementation's SDK clients, one per endpoint and credentials: made when a block first needs
 * one, shared by every later block with the same key (SDK clients are thread-safe and costly to
 * build), and closed by {@link #closeAll} when the process stops using storage.
 *
 * @param <K> what tells two clients apart: the endpoint and the credentials
 * @param <C> the SDK client
 */
public final class SharedClients<K, C extends AutoCloseable> {
  private static final List<SharedClients<?, ?>> ALL = new CopyOnWriteArrayList<>();

  private final Map<K, C> clients = new ConcurrentHashMap<>();

  public SharedClients() {
    ALL.add(this);
  }

  /** The client for {@code key}, made by {@code make} the first time. */
  public C get(K key, Function<K, C> make) {
    return clients.computeIfAbsent(key, make);
  }

  /** Closes every client made so far, of every implementation; the next block makes new ones. */
  public static void closeAll() {
    for (SharedClients<?, ?> shared : ALL) {
      shared.clients.values().forEach(SharedClients::closeQuietly);
      shared.clients.clear();
    }
  }

  private static void closeQuietly(AutoCloseable client) {
    try {
      client.close();
    } catch (Exception e) {
      // a client that fails to close holds nothing more we could free
    }
  }
}
