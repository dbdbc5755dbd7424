package dev.ferry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Block types made by users, schema capabilities, and documents that refer to other documents. */
class BlockApiIT extends ServerTest {
  private static List<String> texts(JsonNode list, String field) {
    List<String> out = new ArrayList<>();
    list.forEach(item -> out.add(item.get(field).asText()));
    return out;
  }

  @Test
  void usersCreateAndDeleteTheirOwnBlockTypesButNotTheBuiltInOnes() throws Exception {
    Answer created = send("POST", "/block_types/", "{\"name\": \"Warehouse\", \"slug\": \"warehouse\"}");
    Answer again = send("POST", "/block_types/", "{\"name\": \"Warehouse\", \"slug\": \"warehouse-2\"}");
    Answer reserved = send("POST", "/block_types/", "{\"name\": \"Prefect Thing\", \"slug\": \"thing\"}");
    String process = send("GET", "/block_types/slug/process", null).body().get("id").asText();

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body().get("is_protected").asBoolean()).isFalse();
    assertThat(again.status()).isEqualTo(409);
    assertThat(reserved.status()).isEqualTo(403);
    assertThat(send("DELETE", "/block_types/" + process, null).status()).isEqualTo(403);
    String id = created.body().get("id").asText();
    assertThat(send("GET", "/block_types/" + id, null).body().get("slug").asText()).isEqualTo("warehouse");
    assertThat(send("DELETE", "/block_types/" + id, null).status()).isEqualTo(204);
    assertThat(send("GET", "/block_types/slug/warehouse", null).status()).isEqualTo(404);
  }

  @Test
  void schemasAndTypesFilterByCapabilities() throws Exception {
    String filter = "{\"block_schemas\": {\"block_capabilities\": {\"all_\": [\"get-directory\", \"put-directory\"]}}}";
    Answer schemas = send("POST", "/block_schemas/filter", filter);
    Answer types = send("POST", "/block_types/filter", filter);

    assertThat(schemas.status()).isEqualTo(200);
    assertThat(schemas.body()).allSatisfy(schema -> assertThat(schema.get("capabilities").toString())
        .contains("\"get-directory\"", "\"put-directory\""));
    List<String> slugs = new ArrayList<>();
    schemas.body().forEach(schema -> slugs.add(schema.at("/block_type/slug").asText()));
    assertThat(slugs).contains("local-file-system", "s3").doesNotContain("process", "secret");
    assertThat(texts(types.body(), "slug")).containsAll(slugs).doesNotContain("process");
    assertThat(send("GET", "/block_schemas/" + schemas.body().get(0).get("id").asText(), null).status()).isEqualTo(200);
  }

  @Test
  void aReferenceToAnotherDocumentReadsAsThatDocumentsDataWithItsSecretsHidden() throws Exception {
    String registry = save("docker-registry", "hub", "{\"username\": \"ferry\", \"password\": \"hunter2\","
        + " \"registry_url\": \"registry.local\", \"reauth\": true}").get("id").asText();
    JsonNode container = save("docker-container", "dev", "{\"image\": \"busybox\","
        + " \"image_registry\": {\"$ref\": {\"block_document_id\": \"" + registry + "\"}}}");

    JsonNode read = send("GET", "/block_documents/" + container.get("id").asText(), null).body();
    JsonNode withSecrets = send("GET", "/block_types/slug/docker-container/block_documents/name/dev?include_secrets=true",
        null).body();

    assertThat(read.at("/data/image_registry/username").asText()).isEqualTo("ferry");
    assertThat(read.at("/data/image_registry/password").asText()).isEqualTo("**********");
    assertThat(read.at("/block_document_references/image_registry/block_document/id").asText()).isEqualTo(registry);
    assertThat(read.at("/block_document_references/image_registry/block_document/block_type/slug").asText())
        .isEqualTo("docker-registry");
    assertThat(withSecrets.at("/data/image_registry/password").asText()).isEqualTo("hunter2");
  }

  @Test
  void aReferenceToNoDocumentIsAConflictNamingTheField() throws Exception {
    Answer answer = send("POST", "/block_documents/", document("docker-container", "dev",
        "{\"image_registry\": {\"$ref\": {\"block_document_id\": \"5a0fd1a4-7d2e-4e0e-9a43-0e6f1f1b6b01\"}}}"));

    assertThat(answer.status()).isEqualTo(409);
    assertThat(answer.body().get("detail").asText()).contains("'image_registry'").contains("does not exist");
  }

  private JsonNode save(String slug, String name, String data) throws Exception {
    Answer answer = send("POST", "/block_documents/", document(slug, name, data));
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
    return answer.body();
  }

  private String document(String slug, String name, String data) throws Exception {
    JsonNode schema = send("POST", "/block_schemas/filter", "{\"block_schemas\": {\"block_type_id\": {\"any_\": [\""
        + send("GET", "/block_types/slug/" + slug, null).body().get("id").asText() + "\"]}}}").body().get(0);
    return "{\"name\": \"" + name + "\", \"data\": " + data + ", \"block_schema_id\": \"" + schema.get("id").asText()
        + "\", \"block_type_id\": \"" + schema.get("block_type_id").asText() + "\"}";
  }
}
