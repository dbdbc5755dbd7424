package dev.ferry.storage;

/**
 * What an upload or a download moved.
 *
 * @param files the files written at the destination
 * @param bytes their size in all
 * @param fromCache how many of them came out of the agent's cache instead of the store
 */
public record Transfer(int files, long bytes, int fromCache) {}
