package dev.ferry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.client.ApiException;
import dev.ferry.client.OrchestrationClient;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** With an API key set, every /api call needs it as a bearer token. */
class ApiKeyIT extends ServerTest {
  @Override
  protected String apiKey() {
    return "s3cret-key";
  }

  @Test
  void callWithoutTheKeyIsRefusedWith401AndCallWithItGoesThrough() {
    OrchestrationClient anonymous = new OrchestrationClient(vertx, server.apiUrl(), null);
    OrchestrationClient wrong = new OrchestrationClient(vertx, server.apiUrl(), "guess");
    OrchestrationClient keyed = new OrchestrationClient(vertx, server.apiUrl(), "s3cret-key");

    assertThatThrownBy(() -> anonymous.health().toCompletionStage().toCompletableFuture().join())
        .isInstanceOf(CompletionException.class).cause().isInstanceOf(ApiException.class)
        .hasMessageContaining("401").hasMessageContaining("Authorization: Bearer");
    assertThatThrownBy(() -> wrong.createFlow("x").toCompletionStage().toCompletableFuture().join())
        .cause().hasMessageContaining("401");
    assertThat(keyed.createFlow("x").toCompletionStage().toCompletableFuture().join().name()).isEqualTo("x");
  }
}
