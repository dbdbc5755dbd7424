package dev.ferry.plugins;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The parts of ferry that bring a heavy SDK (a cloud store's, Docker's, Kubernetes') ship as plugin
 * jars, {@code plugins/NAME.jar} beside ferry's own jar, each with its SDK inside. A plugin loads the
 * first time it is used, through a class loader of its own whose parent is ferry's: a ferry that
 * never uses one never opens its jar, and starts and idles as if it were not there. Where a plugin's
 * classes are on the class path already (the build's own tests), they are used from there.
 */
public final class Plugins {
  private static final Plugins BESIDE_FERRY = new Plugins(besideFerry());

  private final Path folder;
  private final Map<String, ClassLoader> loaders = new ConcurrentHashMap<>();

  /** The plugins in {@code folder}. */
  Plugins(Path folder) {
    this.folder = folder;
  }

  /**
   * A new instance of {@code className}, made with its no-argument constructor, from plugin
   * {@code plugin}. Throws {@link PluginException} when the plugin's jar is missing.
   */
  public static <T> T load(String plugin, String className, Class<T> type) {
    return BESIDE_FERRY.instance(plugin, className, type);
  }

  <T> T instance(String plugin, String className, Class<T> type) {
    try {
      return type.cast(classOf(plugin, className, type).getConstructor().newInstance());
    } catch (ReflectiveOperationException e) {
      Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("Plugin " + plugin + " cannot make its " + className + ": " + cause, cause);
    }
  }

  private Class<?> classOf(String plugin, String className, Class<?> type) throws ClassNotFoundException {
    try {
      return Class.forName(className, true, type.getClassLoader());
    } catch (ClassNotFoundException notOnTheClassPath) {
      return Class.forName(className, true, loaders.computeIfAbsent(plugin, this::loader));
    }
  }

  private ClassLoader loader(String plugin) {
    Path jar = folder.resolve(plugin + ".jar");
    if (!Files.isRegularFile(jar)) {
      throw new PluginException("ferry's plugin " + plugin + " is missing: there is no " + jar
          + " (install ferry with its plugins folder beside ferry.jar, or build it again with 'mvn package')");
    }
    try {
      return new URLClassLoader(plugin, new URL[] {jar.toUri().toURL()}, Plugins.class.getClassLoader());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code plugins} folder beside the jar (or classes folder) this class came from. */
  private static Path besideFerry() {
    try {
      Path ferry = Path.of(Plugins.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return ferry.resolveSibling("plugins");
    } catch (URISyntaxException e) {
      throw new IllegalStateException("Cannot tell where ferry's jar is: " + e.getMessage(), e);
    }
  }
}
