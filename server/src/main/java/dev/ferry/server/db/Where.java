package dev.ferry.server.db;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Builds an SQL WHERE clause and its parameters from filter conditions, joined with AND. */
public final class Where {
  private final List<String> conditions = new ArrayList<>();
  private final List<Object> params = new ArrayList<>();

  /** {@code column IN (values)}; an empty list matches nothing, null adds no condition. */
  public Where in(String column, Collection<?> values) {
    if (values != null) {
      add(values.isEmpty() ? "1 = 0" : column + " IN (" + placeholders(values.size()) + ")", values);
    }
    return this;
  }

  /** {@code column NOT IN (values)}; null or empty adds no condition. */
  public Where notIn(String column, Collection<?> values) {
    if (values != null && !values.isEmpty()) {
      add(column + " NOT IN (" + placeholders(values.size()) + ")", values);
    }
    return this;
  }

  public Where condition(String sql, Object... values) {
    add(sql, List.of(values));
    return this;
  }

  public String sql() {
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  public Object[] params(Object... extra) {
    List<Object> all = new ArrayList<>(params);
    all.addAll(List.of(extra));
    return all.toArray();
  }

  private void add(String condition, Collection<?> values) {
    conditions.add(condition);
    params.addAll(values);
  }

  private static String placeholders(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }
}
