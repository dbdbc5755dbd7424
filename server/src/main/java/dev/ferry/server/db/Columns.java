package dev.ferry.server.db;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Conversions between column values and the wire model: micros to times, text to JSON and UUIDs. */
public final class Columns {
  private Columns() {}

  public static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }

  public static Long micros(OffsetDateTime time) {
    if (time == null) {
      return null;
    }
    Instant instant = time.toInstant();
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  public static OffsetDateTime time(ResultSet row, String column) throws SQLException {
    Long micros = Sql.getLong(row, column);
    return micros == null ? null : time(micros);
  }

  /** The UTC time {@code micros} microseconds after the epoch. */
  public static OffsetDateTime time(long micros) {
    return OffsetDateTime.ofInstant(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), ZoneOffset.UTC);
  }

  public static UUID uuid(ResultSet row, String column) throws SQLException {
    String text = row.getString(column);
    return text == null ? null : UUID.fromString(text);
  }

  public static String text(UUID id) {
    return id == null ? null : id.toString();
  }

  public static String json(Object value) {
    return value == null ? null : Json.write(value);
  }

  public static JsonNode json(ResultSet row, String column) throws SQLException {
    String text = row.getString(column);
    return text == null ? null : Json.tree(text);
  }

  public static ObjectNode object(ResultSet row, String column) throws SQLException {
    JsonNode node = json(row, column);
    return node instanceof ObjectNode object ? object : Json.object();
  }

  public static List<String> strings(ResultSet row, String column) throws SQLException {
    String text = row.getString(column);
    if (text == null) {
      return List.of();
    }
    try {
      return Json.MAPPER.readValue(text, new TypeReference<List<String>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static boolean bool(ResultSet row, String column) throws SQLException {
    return row.getInt(column) != 0;
  }

  public static int bit(boolean value) {
    return value ? 1 : 0;
  }
}
