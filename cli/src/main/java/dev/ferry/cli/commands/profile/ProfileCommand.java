package dev.ferry.cli.commands.profile;

import picocli.CommandLine.Command;

/** {@code ferry profile}: named sets of settings. */
@Command(name = "profile", description = "Create, list and switch between profiles (named sets of settings).",
    subcommands = {ProfileCreateCommand.class, ProfileUseCommand.class, ProfileLsCommand.class})
public final class ProfileCommand {}
