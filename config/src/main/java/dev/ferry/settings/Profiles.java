package dev.ferry.settings;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.ferry.error.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Named sets of settings in {@code $FERRY_HOME/profiles.toml}, one of them active:
 *
 * <pre>
 * active = "default"
 *
 * [profiles.default]
 * PREFECT_API_URL = "http://127.0.0.1:4200/api"
 * FERRY_AGENT_LIMIT = "4"
 * </pre>
 *
 * A missing file is one empty profile, {@code default}. Changes are written back with {@link #save}.
 */
public final class Profiles {
  public static final String FILE = "profiles.toml";
  public static final String DEFAULT = "default";

  private final Path file;
  private String active;
  private final Map<String, Map<String, String>> profiles;

  private Profiles(Path file, String active, Map<String, Map<String, String>> profiles) {
    this.file = file;
    this.active = active;
    this.profiles = profiles;
  }

  /** Reads the profiles of a ferry home; a file that is not valid TOML is an error naming it. */
  public static Profiles load(Path home) {
    Path file = home.resolve(FILE);
    Map<String, Map<String, String>> profiles = new TreeMap<>();
    if (!Files.exists(file)) {
      profiles.put(DEFAULT, new TreeMap<>());
      return new Profiles(file, DEFAULT, profiles);
    }
    JsonNode root;
    try {
      root = Toml.MAPPER.readTree(file.toFile());
    } catch (JacksonException e) {
      throw new InvalidInputException(file + " is not valid TOML: " + e.getOriginalMessage()
          + "; fix it, or delete it to start from an empty default profile");
    } catch (IOException e) {
      throw new InvalidInputException("Cannot read " + file + ": " + e.getMessage());
    }
    root.path("profiles").fields().forEachRemaining(profile -> {
      Map<String, String> values = new TreeMap<>();
      profile.getValue().fields().forEachRemaining(value -> values.put(value.getKey(), value.getValue().asText()));
      profiles.put(profile.getKey(), values);
    });
    String active = root.path("active").asText(DEFAULT);
    profiles.computeIfAbsent(active, name -> new TreeMap<>());
    return new Profiles(file, active, profiles);
  }

  public String active() {
    return active;
  }

  public List<String> names() {
    return new ArrayList<>(profiles.keySet());
  }

  /** The values of a profile; an unknown name is an error that lists the known ones. */
  public Map<String, String> values(String name) {
    Map<String, String> values = profiles.get(name);
    if (values == null) {
      throw new InvalidInputException("Profile '" + name + "' does not exist in " + file + "; profiles: " + names()
          + " (create it with 'ferry profile create " + name + "')");
    }
    return values;
  }

  public void create(String name) {
    if (profiles.containsKey(name)) {
      throw new InvalidInputException("Profile '" + name + "' already exists in " + file);
    }
    profiles.put(name, new TreeMap<>());
  }

  public void use(String name) {
    values(name);
    active = name;
  }

  public void set(String profile, String key, String value) {
    values(profile).put(key, value);
  }

  /** Removes a setting; false when the profile did not have it. */
  public boolean unset(String profile, String key) {
    return values(profile).remove(key) != null;
  }

  public void save() {
    ObjectNode root = Toml.MAPPER.createObjectNode().put("active", active);
    ObjectNode all = root.putObject("profiles");
    profiles.forEach((name, values) -> {
      ObjectNode profile = all.putObject(name);
      values.forEach(profile::put);
    });
    try {
      Files.createDirectories(file.getParent());
      Toml.MAPPER.writeValue(file.toFile(), root);
    } catch (IOException e) {
      throw new InvalidInputException("Cannot write " + file + ": " + e.getMessage());
    }
  }

  /** The TOML mapper, made only when a profile file is read or written: most commands have none to read. */
  private static final class Toml {
    static final TomlMapper MAPPER = new TomlMapper();
  }
}
