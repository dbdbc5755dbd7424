package dev.ferry.agent;

import dev.ferry.client.OrchestrationClient;
import dev.ferry.model.OrchestrationResult;
import dev.ferry.model.State;
import dev.ferry.model.StateType;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the final states the agent decides for its runs, waiting for the API, and remembers
 * the ones not delivered yet: an agent that stops keeps those in its {@link Outbox}.
 */
final class FinalStates {
  private static final Logger LOG = LoggerFactory.getLogger("ferry.agent");

  private final OrchestrationClient client;
  private final ApiLink link;
  private final Map<UUID, Outbox.FinalState> undelivered = new ConcurrentHashMap<>();

  FinalStates(OrchestrationClient client, ApiLink link) {
    this.client = client;
    this.link = link;
  }

  /** Notes a state decided for a run that is not sent yet (its last log lines go first). */
  void decided(UUID id, String name, State state) {
    undelivered.put(id, new Outbox.FinalState(id, name, state));
  }

  /** Forgets a state noted for a run that needs none from the agent after all. */
  void notNeeded(UUID id) {
    undelivered.remove(id);
  }

  /** The states decided and not delivered yet, for the {@link Outbox}. */
  List<Outbox.FinalState> undelivered() {
    return List.copyOf(undelivered.values());
  }

  /** How many states wait for the API. */
  int pending() {
    return undelivered.size();
  }

  /** Delivers a state an agent before this one could not (from its {@link Outbox}). */
  void deliver(Outbox.FinalState kept) {
    report(kept.flowRunId(), kept.flowRunName(), kept.state());
  }

  /**
   * Sets a run's final state, waiting for the API; a refusal is logged, an error about this run
   * ends its reporting. The future holds the state the run ended in, as far as the agent knows.
   */
  Future<StateType> report(UUID id, String name, State state) {
    decided(id, name, state);
    Future<OrchestrationResult> delivered = link.persist(() -> client.setFlowRunState(id, state, false))
        .onComplete(ignored -> undelivered.remove(id));
    return delivered.map(result -> {
      if (result.state().type() == StateType.CANCELLING) {
        return StateType.CANCELLED; // the canceller reports how it ended
      }
      // a run the canceller stopped ends by its signal: that exit says nothing against CANCELLED
      if (!result.accepted() && result.state().type() != StateType.CANCELLED) {
        LOG.warn("The server did not accept {} for flow run '{}' ({}): {}", state.type(), name, id, result.reason());
      }
      LOG.info("Flow run '{}' ({}) ended {}", name, id, result.state().type());
      return result.state().type();
    }).recover(error -> {
      if (!link.closed()) { // else the agent stopped and kept the state in its outbox
        LOG.error("Cannot mark flow run '{}' ({}) {}: {}", name, id, state.type(), error.getMessage());
      }
      return Future.succeededFuture(state.type());
    });
  }
}
