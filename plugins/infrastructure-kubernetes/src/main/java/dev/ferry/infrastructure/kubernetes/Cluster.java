package dev.ferry.infrastructure.kubernetes;

import dev.ferry.infrastructure.InfrastructureException;
import dev.ferry.infrastructure.InfrastructureNotAvailable;
import dev.ferry.json.Json;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.util.Map;

/**
 * The cluster a block's Jobs run on: a client of it (the block's {@code cluster_config}, or else the agent's
 * own, in the cluster or from its kubeconfig), its id (the {@code kube-system} namespace's uid, or
 * {@code PREFECT_KUBERNETES_CLUSTER_UID}, as Prefect has it), and the infrastructure pids of its Jobs,
 * {@code CLUSTER-UID:NAMESPACE:JOB-NAME}.
 */
final class Cluster implements AutoCloseable {
  static final String UID_VARIABLE = "PREFECT_KUBERNETES_CLUSTER_UID";
  /** Requests tried again on a broken connection, about 0.7 s in all: a cluster that is not there is said soon. */
  private static final int RETRIES = 3;

  private final KubernetesClient client;
  private final Map<String, String> agentEnv;
  private String uid;

  /** A Job of a pid of this cluster. */
  record JobRef(String namespace, String name) {}

  Cluster(KubernetesClient client, Map<String, String> agentEnv) {
    this.client = client;
    this.agentEnv = agentEnv;
  }

  /** The cluster of {@code block}, through the JDK's HTTP client (ferry's own Vert.x is no concern of fabric8's). */
  static Cluster of(KubernetesBlock block, Map<String, String> agentEnv) {
    Config config = block.clusterConfig() == null ? Config.autoConfigure(null)
        : Config.fromKubeconfig(block.clusterConfig().contextName(), Json.write(block.clusterConfig().config()), null);
    config.setRequestRetryBackoffLimit(RETRIES);
    Thread thread = Thread.currentThread();
    ClassLoader caller = thread.getContextClassLoader();
    thread.setContextClassLoader(Cluster.class.getClassLoader()); // fabric8 finds its implementation through it
    try {
      return new Cluster(new KubernetesClientBuilder().withConfig(config)
          .withHttpClientFactory(new JdkHttpClientFactory()).build(), agentEnv);
    } finally {
      thread.setContextClassLoader(caller);
    }
  }

  KubernetesClient client() {
    return client;
  }

  /** Where the client sends its requests, for messages. */
  String server() {
    return client.getConfiguration().getMasterUrl();
  }

  /** The cluster's id, asked of it once. */
  synchronized String uid() {
    if (uid == null) {
      String set = agentEnv.get(UID_VARIABLE);
      if (set != null && !set.isBlank()) {
        uid = set;
      } else {
        Namespace kubeSystem = client.namespaces().withName("kube-system").get();
        if (kubeSystem == null) {
          throw new InfrastructureException("Cluster " + server() + " has no kube-system namespace, whose uid names"
              + " the cluster in a run's infrastructure pid; set " + UID_VARIABLE + " in the agent's environment");
        }
        uid = kubeSystem.getMetadata().getUid();
      }
    }
    return uid;
  }

  String pid(String namespace, String jobName) {
    return uid() + ":" + namespace + ":" + jobName;
  }

  /** The Job of {@code pid}; one of another cluster is {@link InfrastructureNotAvailable}. */
  JobRef job(String pid) {
    String[] parts = pid.split(":", 3);
    if (parts.length != 3) {
      throw new InfrastructureException("'" + pid + "' is not the pid of a Kubernetes Job (CLUSTER:NAMESPACE:JOB)");
    }
    if (!parts[0].equals(uid())) {
      throw new InfrastructureNotAvailable("Job " + parts[2] + " in namespace " + parts[1] + " runs on another"
          + " cluster (" + parts[0] + ") than " + server() + " (" + uid() + "): the agent there stops it");
    }
    return new JobRef(parts[1], parts[2]);
  }

  @Override
  public void close() {
    client.close();
  }
}
