package dev.ferry.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.json.Json;
import dev.ferry.storage.CodeCache;
import dev.ferry.storage.IgnoreRules;
import dev.ferry.storage.Progress;
import dev.ferry.storage.StorageBlock;
import dev.ferry.storage.StorageBlocks;
import dev.ferry.storage.Transfer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.gaul.s3proxy.S3Proxy;

/**
 * Ferry's S3 storage against an s3proxy in this JVM on loopback, with a 1,000-file, 50 MB project:
 * upload ({@code putDirectory}), cold download ({@code getDirectory} with an empty cache, and with
 * none) and warm download (the same deployment again, with the cache the cold one filled), each
 * beside the same transfer done by a plain AWS SDK loop, one file at a time and on 8 threads as
 * ferry's pool. One untimed round of every measure warms the JIT, then each is timed in
 * {@value #ROUNDS} rounds (interleaved; fresh buckets and folders each time); the median and the
 * best are printed, with the issue's targets: warm download under 50 ms, cold download at 50 MB/s
 * or more. A cold download is also timed as the first thing a new JVM with the agent's options
 * does, and parts of a download alone: the listing, and ferry's cache placing local files. There is
 * no provider CLI to compare with here: no AWS CLI is installed and PyPI is out of reach.
 */
public final class StorageBench {
  /**
   * s3proxy's store on disk. Its in-memory "transient" store lists and serves faster, but drops the
   * connection of about one PutObject in ten sent with aws-chunked encoding (the SDK's way over
   * http), so a 1,000-file upload fails even after the SDK's retries.
   */
  private static final String BLOB_STORE = "filesystem";
  private static final int ROUNDS = 5;
  private static final int FRESH_JVMS = 5;
  private static final int FOLDERS = 20;
  private static final int FILES = 1_000;
  private static final int LARGE_FILES = 8;
  private static final long PROJECT_BYTES = 50_000_000;
  private static final double WARM_TARGET_MS = 50;
  private static final double COLD_TARGET_MB_S = 50;
  private static final String SOURCE_BUCKET = "up-0";
  private static final String SDK_UP_1 = "upload   sdk PutObject loop, 1 thread";
  private static final String SDK_UP_8 = "upload   sdk PutObject loop, 8 threads";
  private static final String FERRY_UP = "upload   ferry putDirectory";
  private static final String SDK_DOWN_1 = "download sdk list + GetObject loop, 1 thread";
  private static final String SDK_DOWN_8 = "download sdk list + GetObject loop, 8 threads";
  private static final String FERRY_COLD = "download cold ferry getDirectory, empty cache";
  private static final String FERRY_UNCACHED = "download cold ferry getDirectory, CodeCache.NONE";
  private static final String FERRY_FRESH = "download cold ferry, empty cache, new agent JVM";
  private static final String FERRY_WARM = "download warm ferry getDirectory, full cache";
  private static final String LIST = "part     sdk ListObjectsV2 of the 1,001 keys";
  private static final String PLACE_UNCACHED = "part     CodeCache.NONE.place of local files";
  private static final String PLACE_COLD = "part     CodeCache.place, local files, empty cache";
  private static final String PLACE_WARM = "part     CodeCache.place, local files, full cache";

  private final Path root;
  private final LoopbackS3 s3;
  private final Path scratch;
  private final Path project;
  private final Map<String, Double> firstMillis = new HashMap<>();
  private final Map<String, List<Double>> millis = new LinkedHashMap<>();
  private int warmFromCache;

  private StorageBench(Path root, LoopbackS3 s3, Path scratch, Path project) {
    this.root = root;
    this.s3 = s3;
    this.scratch = scratch;
    this.project = project;
  }

  public static void main(String[] args) throws Exception {
    System.setProperty("aws.disableEc2Metadata", "true");
    Path root = Path.of(args[0]).toAbsolutePath();
    Path scratch = Files.createTempDirectory("ferry-storage-bench");
    int status = 0;
    try (LoopbackS3 s3 = new LoopbackS3(BLOB_STORE, Files.createDirectories(scratch.resolve("store")))) {
      new StorageBench(root, s3, scratch, project(scratch.resolve("project"))).run();
    } catch (Exception | AssertionError e) {
      e.printStackTrace();
      status = 1;
    } finally {
      delete(scratch);
    }
    System.exit(status); // s3proxy's and the SDK's threads would keep the JVM up
  }

  private void run() throws Exception {
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    try (SdkLoop sequential = new SdkLoop(s3.client(), 1); SdkLoop parallel = new SdkLoop(s3.client(), 8);
        LocalPlacement placement = new LocalPlacement(project)) {
      for (int round = 0; round <= ROUNDS; round++) {
        round(round, sequential, parallel, placement);
      }
    }
    for (int i = 0; i < FRESH_JVMS; i++) {
      freshJvm(scratch.resolve("fresh-" + i));
    }
    print(loadBefore);
  }

  /** The table, with what was measured how above it and what the columns mean below it. */
  private void print(double loadBefore) {
    System.out.printf("storage: s3proxy %s in this JVM on 127.0.0.1, its \"%s\" blob store in a temporary folder;"
        + " %d cores,%n  load average %.1f before the run and %.1f after%n",
        S3Proxy.class.getPackage().getImplementationVersion(), BLOB_STORE, Runtime.getRuntime().availableProcessors(),
        loadBefore, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.printf("project: %,d files in %d folders, %,d bytes (%d of 1-5 MB, the rest small); MB = 10^6 bytes%n",
        FILES, FOLDERS, PROJECT_BYTES, LARGE_FILES);
    System.out.printf("baseline: a plain AWS SDK v2 loop with ferry's client settings (the JDK's HTTP connection);"
        + " no provider CLI:%n  no AWS CLI is installed here and PyPI is out of reach%n");
    System.out.printf("runs: 'first' is one untimed round of every measure, in the order listed, which loads the SDK"
        + " and warms%n  this JVM's JIT; then %d timed rounds. The new agent JVMs (%d, with the agent's JVM options"
        + " and no%n  class-data archive) each time their one download%n", ROUNDS, FRESH_JVMS);
    System.out.printf("%-50s %9s %9s %9s %9s %9s %8s  %s%n", "measure", "first ms", "median ms", "best ms",
        "med MB/s", "best MB/s", "/ sdk 1", "target");
    row(SDK_UP_1, SDK_UP_1, "");
    row(SDK_UP_8, SDK_UP_1, "");
    row(FERRY_UP, SDK_UP_1, "");
    row(SDK_DOWN_1, SDK_DOWN_1, "");
    row(SDK_DOWN_8, SDK_DOWN_1, "");
    row(FERRY_COLD, SDK_DOWN_1, coldTarget(FERRY_COLD));
    row(FERRY_UNCACHED, SDK_DOWN_1, coldTarget(FERRY_UNCACHED));
    row(FERRY_FRESH, SDK_DOWN_1, coldTarget(FERRY_FRESH));
    row(FERRY_WARM, SDK_DOWN_1, String.format("< %.0f ms %s", WARM_TARGET_MS, median(FERRY_WARM) < WARM_TARGET_MS
        ? "met" : "NOT MET"));
    row(LIST, null, "");
    row(PLACE_UNCACHED, null, "");
    row(PLACE_COLD, null, "");
    row(PLACE_WARM, null, "");
    System.out.printf("/ sdk 1: the median time over the 1-thread SDK loop's median. MB/s: the project's bytes over"
        + " the time.%n  The SDK loops download ferry's manifest too; the warm downloads took %,d of %,d files from"
        + " the cache.%nparts: the listing every ferry download starts with; ferry's cache on 8 threads, each file"
        + " copied%n  from the project (no store)%n", warmFromCache, FILES);
  }

  /** One round: the uploads, each into a new place, then the downloads of round 0's ferry upload, then the parts. */
  private void round(int round, SdkLoop sequential, SdkLoop parallel, LocalPlacement placement) throws Exception {
    String bucket = "up-" + round;
    s3.createBucket(bucket);
    check(SDK_UP_1, FILES, time(SDK_UP_1, round, () -> sequential.upload(project, bucket, "sdk-1")));
    check(SDK_UP_8, FILES, time(SDK_UP_8, round, () -> parallel.upload(project, bucket, "sdk-8")));
    StorageBlock destination = block(bucket + "/ferry");
    check(FERRY_UP, time(FERRY_UP, round, () -> destination.putDirectory(project, "", IgnoreRules.none(),
        Progress.NONE)));
    if (!bucket.equals(SOURCE_BUCKET)) {
      s3.dropBucket(bucket);
    }

    Path dirs = Files.createDirectories(scratch.resolve("round-" + round));
    StorageBlock source = block(SOURCE_BUCKET + "/ferry");
    check(SDK_DOWN_1, FILES + 1, time(SDK_DOWN_1, round, () -> sequential.download(SOURCE_BUCKET, "ferry",
        dirs.resolve("sdk-1"))));
    check(SDK_DOWN_8, FILES + 1, time(SDK_DOWN_8, round, () -> parallel.download(SOURCE_BUCKET, "ferry",
        dirs.resolve("sdk-8"))));
    CodeCache cache = new CodeCache(dirs.resolve("cache"), CodeCache.DEFAULT_MAX_BYTES);
    check(FERRY_COLD, time(FERRY_COLD, round, () -> source.getDirectory("", dirs.resolve("cold"), cache)));
    check(FERRY_UNCACHED, time(FERRY_UNCACHED, round, () -> source.getDirectory("", dirs.resolve("none"),
        CodeCache.NONE)));
    Transfer warm = time(FERRY_WARM, round, () -> source.getDirectory("", dirs.resolve("warm"), cache));
    check(FERRY_WARM, warm);
    warmFromCache = warm.fromCache();

    check(LIST, FILES + 1, time(LIST, round, () -> sequential.list(SOURCE_BUCKET, "ferry")));
    CodeCache local = new CodeCache(dirs.resolve("local-cache"), CodeCache.DEFAULT_MAX_BYTES);
    check(PLACE_UNCACHED, 0, time(PLACE_UNCACHED, round, () -> placement.place(CodeCache.NONE,
        dirs.resolve("local-none"))));
    check(PLACE_COLD, 0, time(PLACE_COLD, round, () -> placement.place(local, dirs.resolve("local-cold"))));
    check(PLACE_WARM, FILES, time(PLACE_WARM, round, () -> placement.place(local, dirs.resolve("local-warm"))));
    delete(dirs);
  }

  /** A cold download as the first thing a new JVM with the agent's options does, timed by that JVM. */
  private void freshJvm(Path dir) throws Exception {
    Process download = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "@" + root.resolve("deploy/jvm/agent.options"), "-cp", System.getProperty("java.class.path"),
        FreshDownload.class.getName(), s3.endpoint().toString(), SOURCE_BUCKET + "/ferry",
        dir.resolve("code").toString(), dir.resolve("cache").toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String[] printed = new String(download.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip().split(" ");
    if (download.waitFor() != 0 || printed.length != 3) {
      throw new IllegalStateException("the download in a new JVM failed: " + String.join(" ", printed));
    }
    check(FERRY_FRESH, new Transfer(Integer.parseInt(printed[0]), Long.parseLong(printed[1]), 0));
    millis.computeIfAbsent(FERRY_FRESH, name -> new ArrayList<>()).add(Double.parseDouble(printed[2]));
    delete(dir);
  }

  private StorageBlock block(String bucketPath) {
    ObjectNode fields = Json.object().put("bucket_path", bucketPath)
        .put("aws_access_key_id", LoopbackS3.ACCESS_KEY_ID).put("aws_secret_access_key", LoopbackS3.SECRET_ACCESS_KEY)
        .put("region_name", "us-east-1").put("endpoint_url", s3.endpoint().toString());
    return StorageBlocks.create("s3", fields);
  }

  /** Runs {@code step}, its time kept as the untimed first run in round 0, else as a timed one. */
  private <T> T time(String measure, int round, Callable<T> step) throws Exception {
    long start = System.nanoTime();
    T result = step.call();
    double elapsed = (System.nanoTime() - start) / 1e6;
    if (round == 0) {
      firstMillis.put(measure, elapsed);
    } else {
      millis.computeIfAbsent(measure, name -> new ArrayList<>()).add(elapsed);
    }
    return result;
  }

  private static void check(String measure, int expected, int actual) {
    if (actual != expected) {
      throw new AssertionError(measure + " counted " + actual + ", not " + expected);
    }
  }

  private static void check(String measure, Transfer transfer) {
    if (transfer.files() != FILES || transfer.bytes() != PROJECT_BYTES) {
      throw new AssertionError(measure + " moved " + transfer + ", not the project's " + FILES + " files of "
          + PROJECT_BYTES + " bytes");
    }
  }

  private String coldTarget(String measure) {
    return String.format(">= %.0f MB/s %s", COLD_TARGET_MB_S, mbPerSecond(median(measure)) >= COLD_TARGET_MB_S
        ? "met" : "NOT MET");
  }

  /** A measure's line; {@code baseline} (or null) is the measure its median time is divided by. */
  private void row(String measure, String baseline, String target) {
    double median = median(measure);
    double best = millis.get(measure).stream().min(Double::compare).orElseThrow();
    boolean moved = !measure.equals(LIST); // the listing moves no file
    System.out.printf("%-50s %9s %9.1f %9.1f %9s %9s %8s  %s%n", measure,
        cell("%.1f", firstMillis.getOrDefault(measure, Double.NaN)), median, best,
        cell("%.1f", moved ? mbPerSecond(median) : Double.NaN), cell("%.1f", moved ? mbPerSecond(best) : Double.NaN),
        cell("%.2fx", baseline == null ? Double.NaN : median / median(baseline)), target);
  }

  private static String cell(String format, double value) {
    return Double.isNaN(value) ? "-" : String.format(format, value);
  }

  private double median(String measure) {
    List<Double> sorted = millis.get(measure).stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private static double mbPerSecond(double millis) {
    return PROJECT_BYTES / 1e6 / (millis / 1e3);
  }

  /**
   * A project of {@value #FILES} files in {@value #FOLDERS} folders two levels deep,
   * {@value #PROJECT_BYTES} bytes in all: {@value #LARGE_FILES} of 1-5 MB at random places, the
   * others sharing what is left at random; random bytes, the same every run.
   */
  private static Path project(Path root) throws IOException {
    Random random = new Random(20_230_417);
    List<Integer> order = new ArrayList<>(IntStream.range(0, FILES).boxed().toList());
    Collections.shuffle(order, random);
    long[] sizes = new long[FILES];
    long left = PROJECT_BYTES;
    for (int large : order.subList(0, LARGE_FILES)) {
      sizes[large] = 1_000_000 + random.nextInt(4_000_001);
      left -= sizes[large];
    }
    List<Integer> small = order.subList(LARGE_FILES, FILES);
    int[] weights = small.stream().mapToInt(file -> 1 + random.nextInt(64)).toArray();
    long weight = IntStream.of(weights).sum();
    long shared = left;
    for (int i = 0; i < small.size(); i++) {
      sizes[small.get(i)] = i == small.size() - 1 ? left : shared * weights[i] / weight;
      left -= sizes[small.get(i)];
    }
    int perFolder = FILES / FOLDERS;
    for (int file = 0; file < FILES; file++) {
      int folder = file / perFolder;
      Path path = root.resolve(String.format("pkg%d/sub%d/data%02d.bin", folder / 4, folder % 4, file % perFolder));
      Files.createDirectories(path.getParent());
      byte[] content = new byte[(int) sizes[file]];
      random.nextBytes(content);
      Files.write(path, content);
    }
    return root;
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
