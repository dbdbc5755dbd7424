package dev.ferry.server.orchestration;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Friendly flow run names, "adjective-animal", easy to say and to grep. */
public final class RunNames {
  private static final List<String> ADJECTIVES = List.of("amber", "brisk", "calm", "daring", "eager", "fancy", "gentle",
      "happy", "icy", "jolly", "keen", "lively", "mellow", "nimble", "olive", "proud", "quiet", "rapid", "sunny", "tidy",
      "upbeat", "vivid", "witty", "young", "zesty", "bold", "clever", "dusty", "fuzzy", "grand");
  private static final List<String> ANIMALS = List.of("otter", "heron", "badger", "lynx", "marten", "puffin", "walrus",
      "ibis", "gecko", "bison", "crane", "dingo", "egret", "ferret", "gibbon", "hare", "jackal", "koala", "lemur", "moose",
      "newt", "ocelot", "panda", "quail", "raven", "salmon", "tapir", "vole", "wombat", "yak");

  private RunNames() {}

  public static String next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return ADJECTIVES.get(random.nextInt(ADJECTIVES.size())) + "-" + ANIMALS.get(random.nextInt(ANIMALS.size()));
  }
}
