package dev.ferry.plugins;

/** A plugin ferry needs cannot be loaded; the message says which and how to get it. */
public final class PluginException extends RuntimeException {
  PluginException(String message) {
    super(message);
  }
}
