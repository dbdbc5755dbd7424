package dev.ferry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Block types made by users, schema capabilities, documents that refer to other documents, and
 * patches of documents checked against their block type's fields.
 */
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
    String registry = saveBlock("docker-registry", "hub", "{\"username\": \"ferry\", \"password\": \"hunter2\","
        + " \"registry_url\": \"registry.local\", \"reauth\": true}").get("id").asText();
    JsonNode container = saveBlock("docker-container", "dev", "{\"image\": \"busybox\","
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
    Answer answer = send("POST", "/block_documents/", blockDocument("docker-container", "dev",
        "{\"image_registry\": {\"$ref\": {\"block_document_id\": \"5a0fd1a4-7d2e-4e0e-9a43-0e6f1f1b6b01\"}}}"));

    assertThat(answer.status()).isEqualTo(409);
    assertThat(answer.body().get("detail").asText()).contains("'image_registry'").contains("does not exist");
  }

  @Test
  void aPatchedFieldTheBlockTypeDoesNotHaveIs422NamingItAndItsFields() throws Exception {
    String id = saveBlock("s3", "dev", "{\"bucket_path\": \"flows/dev\"}").get("id").asText();

    Answer answer = send("PATCH", "/block_documents/" + id, "{\"data\": {\"bucket\": \"flows/prod\"}}");

    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.body().at("/exception_detail/0/loc").toString()).isEqualTo("[\"body\",\"data\",\"bucket\"]");
    assertThat(answer.body().at("/exception_detail/0/msg").asText()).isEqualTo("'bucket' is not a field of block type"
        + " 's3'. Its fields are: bucket_path, aws_access_key_id, aws_secret_access_key");
    assertThat(answer.body().at("/request_body/data/bucket").asText()).isEqualTo("flows/prod");
    assertThat(send("GET", "/block_documents/" + id, null).body().at("/data/bucket_path").asText())
        .isEqualTo("flows/dev");
  }

  @Test
  void aPatchedValueOfAnotherTypeThanItsFieldsIs422NamingFieldAndType() throws Exception {
    String id = saveBlock("process", "dev", "{\"command\": [\"python\", \"main.py\"]}").get("id").asText();

    Answer text = send("PATCH", "/block_documents/" + id, "{\"data\": {\"command\": \"python main.py\"}}");
    Answer flag = send("PATCH", "/block_documents/" + id, "{\"data\": {\"stream_output\": \"yes\"}}");
    Answer notAMap = send("PATCH", "/block_documents/" + id, "{\"data\": [\"python\"]}");
    Answer fine = send("PATCH", "/block_documents/" + id, "{\"data\": {\"stream_output\": false, \"name\": null}}");

    assertThat(text.status()).isEqualTo(422);
    assertThat(text.body().at("/exception_detail/0/loc").toString()).isEqualTo("[\"body\",\"data\",\"command\"]");
    assertThat(text.body().at("/exception_detail/0/msg").asText()).startsWith("Field 'command' of block type 'process'"
        + " takes a JSON list, not \"python main.py\"");
    assertThat(flag.body().at("/exception_detail/0/msg").asText())
        .isEqualTo("Field 'stream_output' of block type 'process' takes a boolean, not \"yes\"");
    assertThat(notAMap.status()).isEqualTo(422);
    assertThat(notAMap.body().at("/exception_detail/0/loc").toString()).isEqualTo("[\"body\",\"data\"]");
    assertThat(fine.status()).isEqualTo(204);
    assertThat(send("GET", "/block_documents/" + id, null).body().at("/data/command/1").asText()).isEqualTo("main.py");
  }

  @Test
  void secretsSentBackMaskedAsReadKeepTheirSavedValuesWhetherMergedOrReplaced() throws Exception {
    String id = saveBlock("s3", "prod", "{\"bucket_path\": \"flows/prod\", \"aws_access_key_id\": \"AKIA1\","
        + " \"aws_secret_access_key\": \"s3cr3t\"}").get("id").asText();
    JsonNode shown = send("GET", "/block_documents/" + id, null).body().get("data");
    ((ObjectNode) shown).put("bucket_path", "flows/prod-2");

    Answer merged = send("PATCH", "/block_documents/" + id, "{\"data\": " + shown + "}");
    JsonNode afterMerge = send("GET", "/block_documents/" + id + "?include_secrets=true", null).body().get("data");
    Answer replaced = send("PATCH", "/block_documents/" + id, "{\"merge_existing_data\": false, \"data\":"
        + " {\"bucket_path\": \"flows/prod-3\", \"aws_access_key_id\": \"AKIA2\","
        + " \"aws_secret_access_key\": \"**********\"}}");
    JsonNode afterReplace = send("GET", "/block_documents/" + id + "?include_secrets=true", null).body().get("data");

    assertThat(shown.get("aws_secret_access_key").asText()).isEqualTo("**********");
    assertThat(merged.status()).isEqualTo(204);
    assertThat(afterMerge.toString()).isEqualTo("{\"bucket_path\":\"flows/prod-2\",\"aws_access_key_id\":\"AKIA1\","
        + "\"aws_secret_access_key\":\"s3cr3t\"}");
    assertThat(replaced.status()).isEqualTo(204);
    assertThat(afterReplace.toString()).isEqualTo("{\"bucket_path\":\"flows/prod-3\",\"aws_access_key_id\":\"AKIA2\","
        + "\"aws_secret_access_key\":\"s3cr3t\"}");
  }

  @Test
  void aMaskedNestedSecretKeepsItsSavedValueToo() throws Exception {
    String id = saveBlock("docker-container", "dev", "{\"image\": \"busybox\", \"image_registry\": {\"username\": \"ferry\","
        + " \"password\": \"hunter2\", \"registry_url\": \"registry.local\"}}").get("id").asText();

    send("PATCH", "/block_documents/" + id, "{\"data\": {\"image_registry\": {\"username\": \"ferry2\","
        + " \"password\": \"**********\", \"registry_url\": \"registry.local\"}}}");

    JsonNode registry = send("GET", "/block_documents/" + id + "?include_secrets=true", null).body()
        .at("/data/image_registry");
    assertThat(registry.get("username").asText()).isEqualTo("ferry2");
    assertThat(registry.get("password").asText()).isEqualTo("hunter2");
  }

  @Test
  void aPatchMovingADocumentToNoSchemaIsAConflict() throws Exception {
    String id = saveBlock("local-file-system", "dev", "{\"basepath\": \"/srv/flows\"}").get("id").asText();
    String missing = "5a0fd1a4-7d2e-4e0e-9a43-0e6f1f1b6b01";

    Answer answer = send("PATCH", "/block_documents/" + id, "{\"block_schema_id\": \"" + missing + "\"}");

    assertThat(answer.status()).isEqualTo(409);
    assertThat(answer.body().get("detail").asText())
        .isEqualTo("Data integrity conflict: block schema " + missing + " does not exist.");
  }
}
