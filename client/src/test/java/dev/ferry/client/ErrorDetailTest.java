package dev.ferry.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.json.Json;
import dev.ferry.testing.Reference;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a person reads of an error answer, from the answers Prefect 2.7.12's server was recorded giving. */
class ErrorDetailTest {
  @Test
  void prefectsErrorAnswersAreSaidAsTheFieldAndWhatIsWrongWithIt() {
    Map<String, String> said = new LinkedHashMap<>();
    for (JsonNode exchange : Json.tree(Reference.text("errors.json"))) {
      said.put(exchange.get("name").asText(), HttpTransport.detail(exchange.get("response_body").toString()));
    }

    assertThat(said).containsEntry("raw: 404: GET /flow_runs/{random uuid}", "Flow run not found")
        .containsEntry("raw: 422: wrong type in body POST /flow_runs/filter limit='abc'",
            "limit: value is not a valid integer")
        .containsEntry("raw: 422: bad UUID in path GET /flows/not-a-uuid", "path.id: value is not a valid uuid")
        .containsEntry("raw: 422: query param type GET /block_documents/{id}?include_secrets=maybe",
            "query.include_secrets: value could not be parsed to a boolean")
        .containsEntry("raw: 422: malformed JSON body on POST /flows/filter",
            "Expecting value: line 1 column 20 (char 19)");
    assertThat(said.values()).noneMatch(text -> text.contains("\"loc\"") || text.isBlank());
  }

  @Test
  void aBodyThatIsNotJsonIsSaidAsItIs() {
    assertThat(HttpTransport.detail("upstream connect error")).isEqualTo("upstream connect error");
  }
}
