package dev.ferry.cli.commands.kubernetes;

import picocli.CommandLine.Command;

/** {@code ferry kubernetes manifest}: lists what it can print. */
@Command(name = "manifest", description = "Print a manifest to apply with kubectl apply -f -.",
    subcommands = KubernetesAgentManifestCommand.class)
public final class KubernetesManifestCommand {}
