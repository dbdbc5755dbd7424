package dev.ferry.cli.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.blocks.BlockCatalog;
import dev.ferry.blocks.BlockDefinition;
import dev.ferry.blocks.BlockFields;
import dev.ferry.cli.deploy.FlowInspector.FlowSignature;
import dev.ferry.manifest.DeploymentManifest;
import dev.ferry.manifest.Overrides;
import dev.ferry.model.BlockDocument;
import dev.ferry.storage.IgnoreRules;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;

/**
 * Turns a flow entrypoint and build flags into a deployment manifest: reads the flow's signature
 * from its source, resolves the blocks, types and checks the overrides, uploads the project to the
 * storage block, and fills in Prefect's manifest fields. The path of a deployment without storage
 * is the project's folder for a process, and {@value #IMAGE_CODE_PATH} in the image otherwise, as
 * Prefect writes it.
 */
public final class DeploymentBuilder {
  /**
   * The path of a deployment without storage on infrastructure that runs an image, unless {@code --path}
   * says another: where {@code prefect deployment build} says the image has the code.
   */
  private static final String IMAGE_CODE_PATH = "/opt/prefect/flows";
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");

  private final Path projectDir;
  private final FlowInspector inspector;
  private final BlockDocuments blocks;
  private final PrintStream out;
  private final CodeUpload upload;

  /** {@code blocks} may be null when the request names no saved block. */
  public DeploymentBuilder(Path projectDir, FlowInspector inspector, BlockDocuments blocks, PrintStream out,
      CodeUpload upload) {
    this.projectDir = projectDir;
    this.inspector = inspector;
    this.blocks = blocks;
    this.out = out;
    this.upload = upload;
  }

  public DeploymentManifest build(BuildRequest request) {
    Entrypoint entrypoint = Entrypoint.parse(request.entrypoint());
    Path file = entrypoint.file(projectDir);
    FlowSignature flow = inspector.inspect(file, entrypoint.function());

    ObjectNode infrastructure;
    BlockFields infraFields;
    ObjectNode infraData;
    if (request.infrastructureBlock() != null) {
      BlockDocument saved = blocks.read(BlockRef.parse(request.infrastructureBlock(), "-ib"), false);
      infrastructure = savedSection(saved);
      infraFields = new BlockFields(saved.typeSlug(), saved.blockSchema().fields());
      infraData = saved.data();
    } else {
      BlockDefinition process = BlockCatalog.bySlug("process");
      infrastructure = BlockDocuments.defaults(process);
      infrastructure.put("block_type_slug", "process").put(DeploymentManifest.BLOCK_TYPE_SLUG, "process");
      infraFields = process.blockFields();
      infraData = DeploymentManifest.blockData(infrastructure);
    }
    ObjectNode overrides = Overrides.parse(infraFields, request.overrides());
    InfrastructureValues.check(DeploymentManifest.blockSlug(infrastructure), infraData, overrides);

    if (IgnoreRules.writeDefaultIfMissing(projectDir)) {
      out.println("Wrote a default " + IgnoreRules.FILE_NAME + " in " + projectDir);
    }
    ObjectNode storage = null;
    String path;
    if (request.storageBlock() != null) {
      BlockRef ref = BlockRef.parse(request.storageBlock(), "-sb");
      path = request.path() != null ? request.path() : ref.subPath();
      storage = savedSection(blocks.read(ref, false));
      if (!request.skipUpload()) {
        BlockDocument withSecrets = blocks.read(ref, true);
        upload.upload(withSecrets, projectDir, path);
      }
    } else if (infraFields.has("image")) {
      // the code is in the image the infrastructure runs (docker-container, kubernetes-job), where Prefect puts it
      path = request.path() != null ? request.path() : IMAGE_CODE_PATH;
    } else {
      path = (request.path() != null ? projectDir.resolve(request.path()) : projectDir).toAbsolutePath().normalize()
          .toString();
    }

    return new DeploymentManifest(request.name(), null,
        request.version() != null ? request.version() : md5(file),
        request.workQueue() != null ? request.workQueue() : "default", null, request.tags(),
        KeyValues.parameters(request.paramsJson(), request.params()), request.schedule(), null, overrides,
        infrastructure,
        flow.flowName(), null, storage, path, entrypoint.toString(), flow.parameterSchema(),
        TIMESTAMP.format(OffsetDateTime.now(ZoneOffset.UTC)));
  }

  /** Where the manifest goes: {@code -o}, else {@code FUNCTION-deployment.yaml} in the project. */
  public Path output(BuildRequest request) {
    if (request.output() != null) {
      return projectDir.resolve(request.output());
    }
    return projectDir.resolve(Entrypoint.parse(request.entrypoint()).function() + "-deployment.yaml");
  }

  private static ObjectNode savedSection(BlockDocument saved) {
    ObjectNode section = saved.data().deepCopy();
    section.put(DeploymentManifest.BLOCK_DOCUMENT_ID, saved.id().toString());
    section.put("_block_document_name", saved.name());
    section.put("_is_anonymous", saved.isAnonymous());
    section.put("block_type_slug", saved.typeSlug());
    section.put(DeploymentManifest.BLOCK_TYPE_SLUG, saved.typeSlug());
    return section;
  }

  private static String md5(Path file) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
