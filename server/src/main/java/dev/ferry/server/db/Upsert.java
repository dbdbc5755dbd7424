package dev.ferry.server.db;

/** The row a create-or-find call returns, and whether this call created it. */
public record Upsert<T>(T value, boolean created) {}
