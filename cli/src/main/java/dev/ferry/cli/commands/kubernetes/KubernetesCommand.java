package dev.ferry.cli.commands.kubernetes;

import picocli.CommandLine.Command;

/** {@code ferry kubernetes}: what ferry needs to run on Kubernetes. */
@Command(name = "kubernetes", description = "Print Kubernetes manifests for running ferry.",
    subcommands = KubernetesManifestCommand.class)
public final class KubernetesCommand {}
