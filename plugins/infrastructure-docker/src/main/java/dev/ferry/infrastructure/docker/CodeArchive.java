package dev.ferry.infrastructure.docker;

import com.github.dockerjava.api.DockerClient;
import dev.ferry.infrastructure.InfrastructureException;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * The run's folder on the agent (its code and the ferry launcher), copied into a created container
 * at {@link #RUN_FOLDER} as a tar archive through the engine's API: the engine needs no share of the
 * agent's file system, so this works with a remote engine and from an agent in a container. Every
 * file and folder is writable by any user (the image may run as one that is not root). With the
 * code in the image, only the launcher is copied, and nothing when the block's own command runs.
 *
 * @param runDir the run's folder on the agent
 * @param launcher the ferry launcher's file in it, null when the run does not use it
 * @param launcherOnly whether to copy the launcher alone (the code is in the image)
 */
record CodeArchive(Path runDir, Path launcher, boolean launcherOnly) {
  /** Where the run's folder is in the container. */
  static final String RUN_FOLDER = "/opt/ferry/run";

  /** Where {@code file}, in the run's folder on the agent, is in the container. */
  String inContainer(Path file) {
    return RUN_FOLDER + "/" + relative(file);
  }

  /** Whether nothing goes into the container: its code is in the image, and the launcher is not used. */
  boolean empty() {
    return launcherOnly && launcher == null;
  }

  /** Copies the archive into container {@code containerId}, which need not have started. */
  void copyInto(DockerClient client, String containerId) {
    if (empty()) {
      return;
    }
    Path tar = null;
    try {
      tar = Files.createTempFile("ferry-run-", ".tar");
      write(tar);
      try (InputStream in = Files.newInputStream(tar)) {
        client.copyArchiveToContainerCmd(containerId).withRemotePath("/").withTarInputStream(in).exec();
      }
    } catch (IOException | UncheckedIOException e) {
      throw new InfrastructureException("Cannot copy the run's folder " + runDir + " into its container: "
          + e.getMessage(), e);
    } finally {
      deleteQuietly(tar);
    }
  }

  private void write(Path tar) throws IOException {
    try (TarArchiveOutputStream out =
        new TarArchiveOutputStream(new BufferedOutputStream(Files.newOutputStream(tar)))) {
      out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      for (Path path : paths()) {
        add(out, path);
      }
    }
  }

  /** The folders and files to copy, each folder before what it holds. */
  private List<Path> paths() throws IOException {
    if (launcherOnly) {
      List<Path> folders = new ArrayList<>(Stream.iterate(launcher, path -> path != null && path.startsWith(runDir),
          Path::getParent).toList());
      Collections.reverse(folders);
      return folders;
    }
    try (Stream<Path> walk = Files.walk(runDir)) {
      return walk.sorted().toList();
    }
  }

  private void add(TarArchiveOutputStream out, Path path) throws IOException {
    TarArchiveEntry entry;
    if (Files.isSymbolicLink(path)) {
      entry = new TarArchiveEntry(entryName(path), TarConstants.LF_SYMLINK);
      entry.setLinkName(Files.readSymbolicLink(path).toString());
      entry.setMode(0120777);
    } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      entry = new TarArchiveEntry(entryName(path) + "/");
      entry.setMode(TarArchiveEntry.DEFAULT_DIR_MODE | 0777);
    } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
      entry = new TarArchiveEntry(entryName(path));
      entry.setSize(Files.size(path));
      entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE | (Files.isExecutable(path) ? 0777 : 0666));
    } else {
      return; // a socket or a pipe: nothing a run's code holds
    }
    entry.setModTime(Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS));
    out.putArchiveEntry(entry);
    if (entry.isFile()) {
      Files.copy(path, out);
    }
    out.closeArchiveEntry();
  }

  /** {@code opt/ferry/run/PATH}: the entry of {@code path} in the archive, unpacked at {@code /}. */
  private String entryName(Path path) {
    String relative = relative(path);
    return RUN_FOLDER.substring(1) + (relative.isEmpty() ? "" : "/" + relative);
  }

  private String relative(Path path) {
    return runDir.relativize(path).toString().replace(File.separatorChar, '/');
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        file.toFile().deleteOnExit();
      }
    }
  }
}
