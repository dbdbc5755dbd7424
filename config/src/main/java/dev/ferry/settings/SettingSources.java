package dev.ferry.settings;

import dev.ferry.error.InvalidInputException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a setting comes from when no flag gives it: the environment, then the active profile of
 * {@code $FERRY_HOME/profiles.toml} ({@code FERRY_PROFILE} picks another), then the default.
 */
public final class SettingSources {
  public static final String HOME = "FERRY_HOME";
  public static final String PROFILE = "FERRY_PROFILE";

  /** Every setting a profile may hold, with what it sets. */
  public static final Map<String, String> KNOWN = known();

  private final Map<String, String> env;
  private final Path home;
  private Profiles profiles;

  public SettingSources(Map<String, String> env) {
    this.env = env;
    String home = env.get(HOME);
    this.home = (home == null || home.isBlank() ? Path.of(System.getProperty("user.home"), ".ferry") : Path.of(home))
        .toAbsolutePath();
  }

  /** Ferry's own folder: the embedded database, the profiles, the agents' run folders. */
  public Path home() {
    return home;
  }

  /** The value of a setting from the environment or the profile; null when neither has it. */
  public String get(String key) {
    String value = env.get(key);
    if (value != null && !value.isBlank()) {
      return value;
    }
    return profiles().values(profileName()).get(key);
  }

  /** The profile settings come from: {@code FERRY_PROFILE}, or the active one. */
  public String profileName() {
    String chosen = env.get(PROFILE);
    return chosen == null || chosen.isBlank() ? profiles().active() : chosen;
  }

  public Profiles profiles() {
    if (profiles == null) {
      profiles = Profiles.load(home);
    }
    return profiles;
  }

  /** Fails with the list of known settings when {@code key} is not one. */
  public static void checkKnown(String key) {
    if (!KNOWN.containsKey(key)) {
      throw new InvalidInputException("'" + key + "' is not a ferry setting; settings: " + String.join(", ", KNOWN.keySet()));
    }
  }

  private static Map<String, String> known() {
    Map<String, String> known = new LinkedHashMap<>();
    known.put(FerrySettings.API_URL, "the orchestration API, e.g. http://127.0.0.1:4200/api; unset: embedded mode");
    known.put(FerrySettings.API_KEY, "sent as a bearer token to the API");
    known.put("FERRY_AGENT_WORK_QUEUES", "agent start -q: work queues, comma-separated");
    known.put("FERRY_AGENT_MATCH", "agent start -m: prefixes of work queue names, comma-separated");
    known.put("FERRY_AGENT_LIMIT", "agent start --limit: the most flow runs held at once");
    known.put("FERRY_AGENT_PREFETCH_SECONDS", "agent start --prefetch-seconds");
    known.put("FERRY_AGENT_QUERY_INTERVAL", "agent start --query-interval: seconds between polls");
    known.put("FERRY_AGENT_NAME", "agent start --name: the agent's name in logs and heartbeats");
    known.put("FERRY_AGENT_HEALTH_PORT", "agent start --health-port: [HOST:]PORT of /health, /ready and /metrics");
    known.put("FERRY_AGENT_DRAIN_TIMEOUT", "agent start --drain-timeout: seconds to wait for runs on stop");
    known.put("FERRY_AGENT_LOG_FORMAT", "agent start --log-format: text or json");
    return java.util.Collections.unmodifiableMap(known);
  }
}
