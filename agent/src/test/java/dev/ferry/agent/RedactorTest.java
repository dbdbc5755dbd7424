package dev.ferry.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.json.Json;
import dev.ferry.model.BlockDocument;
import dev.ferry.model.BlockSchema;
import dev.ferry.model.BlockType;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RedactorTest {
  @Test
  void apiKeyAndSecretBlockFieldsAreMaskedWherePrinted() {
    ObjectNode fields = (ObjectNode) Json.tree("{\"properties\": {\"aws_secret_access_key\": {\"type\": \"string\"},"
        + " \"bucket_path\": {\"type\": \"string\"}}, \"secret_fields\": [\"aws_secret_access_key\"]}");
    BlockType type = new BlockType(UUID.randomUUID(), null, null, "S3", "s3", null, null, null, null, true);
    BlockSchema schema = new BlockSchema(UUID.randomUUID(), null, null, "sha256:x", fields, type.id(), type, List.of(), "1");
    ObjectNode data = Json.object().put("aws_secret_access_key", "wJalrXUtnFEMI").put("bucket_path", "bucket/flows");
    BlockDocument storage = new BlockDocument(UUID.randomUUID(), null, null, "dev", data, schema.id(), schema, type.id(),
        type, Json.object(), false);

    Redactor redactor = Redactor.of("pnu_apikey123", storage, null);

    assertThat(redactor.redact("key=pnu_apikey123 secret=wJalrXUtnFEMI path=bucket/flows"))
        .isEqualTo("key=********** secret=********** path=bucket/flows");
  }
}
