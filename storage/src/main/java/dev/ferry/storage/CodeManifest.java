package dev.ferry.storage;

import dev.ferry.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What a ferry upload put under a path: each file with its SHA-256 and size, stored beside the code
 * as {@value #KEY}. The agent reads it to take unchanged files from its cache; a store without one
 * (code uploaded by Prefect's CLI) is downloaded plainly.
 */
public record CodeManifest(int version, List<Entry> files) {
  /** Where the manifest is kept, relative to the uploaded path. */
  public static final String KEY = ".ferry/manifest.json";
  private static final int VERSION = 1;

  /** One uploaded file: its path relative to the upload, its content's SHA-256 in hex, its size. */
  public record Entry(String path, String sha256, long size) {}

  public static CodeManifest of(List<Entry> files) {
    return new CodeManifest(VERSION, files);
  }

  public byte[] toJson() {
    return Json.write(this).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Reads a manifest; {@code where} names it in the error when it cannot be read. */
  public static CodeManifest parse(byte[] json, String where) {
    try {
      CodeManifest manifest = Json.MAPPER.readValue(json, CodeManifest.class);
      if (manifest.version() != VERSION || manifest.files() == null) {
        throw new StorageException("The code manifest " + where + " is of version " + manifest.version()
            + ", which this ferry does not read; upload the code again with this ferry");
      }
      return manifest;
    } catch (IOException e) {
      throw new StorageException("The code manifest " + where + " cannot be read (" + e.getMessage()
          + "); upload the code again", false, e);
    }
  }

  /** The SHA-256 of a file's content, in hex. */
  public static String sha256(Path file) throws IOException {
    MessageDigest digest = digest();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        digest.update(buffer, 0, read);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
