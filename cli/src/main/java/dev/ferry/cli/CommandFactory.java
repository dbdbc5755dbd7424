package dev.ferry.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/** Creates commands, handing the {@link CliEnvironment} to those whose constructor takes it. */
final class CommandFactory implements CommandLine.IFactory {
  private final CliEnvironment environment;
  private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

  CommandFactory(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    try {
      Constructor<K> constructor = type.getDeclaredConstructor(CliEnvironment.class);
      return constructor.newInstance(environment);
    } catch (NoSuchMethodException e) {
      return fallback.create(type);
    }
  }
}
