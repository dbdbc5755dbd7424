package dev.ferry.cli.commands.kubernetes;

import dev.ferry.cli.CliEnvironment;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry kubernetes manifest agent}: an agent Deployment and the RBAC it needs, as YAML. */
@Command(name = "agent", description = "Print a ServiceAccount, Role, RoleBinding and Deployment that run an agent.")
public final class KubernetesAgentManifestCommand implements Callable<Integer> {
  private final CliEnvironment environment;

  @Option(names = {"-q", "--work-queue"}, required = true, paramLabel = "QUEUE",
      description = "A work queue the agent polls; repeatable.")
  List<String> queues;

  @Option(names = "--namespace", defaultValue = "default", description = "The namespace (default: default).")
  String namespace;

  @Option(names = "--image", defaultValue = "ferry-agent:latest",
      description = "The image with ferry, built from the repository's Dockerfile (default: ferry-agent:latest).")
  String image;

  @Option(names = "--api-url", defaultValue = "http://ferry-server:4200/api", paramLabel = "URL",
      description = "The orchestration API (default: http://ferry-server:4200/api). The API key, if any, is read"
          + " from the Secret ferry-api-key, key api-key.")
  String apiUrl;

  public KubernetesAgentManifestCommand(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    environment.out().print(new AgentManifest(queues, namespace, image, apiUrl).yaml());
    return 0;
  }
}
