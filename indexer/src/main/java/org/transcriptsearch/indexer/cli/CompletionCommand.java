package org.transcriptsearch.indexer.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code generate-completion}: a bash (and zsh, through bashcompinit) completion script for every command and
 * option, bound to a command name, since the jar itself is run as {@code java -jar indexer.jar}.
 */
@CommandLine.Command(name = "generate-completion", hidden = true,
        header = "print a bash/zsh completion script for indexer.jar's commands and options",
        description = {"The script completes a shell alias (or a wrapper script) of that name; to install it:",
            "  alias indexer='java -jar /path/to/indexer.jar'",
            "  source <(java -jar /path/to/indexer.jar generate-completion)",
            "(zsh: run `autoload -U +X bashcompinit && bashcompinit` first)."},
        exitCodeList = {ExitCodes.DONE, ExitCodes.USAGE})
public final class CompletionCommand implements Command {
    @CommandLine.Spec
    CommandSpec spec;

    @CommandLine.Option(names = "--alias", paramLabel = "NAME", defaultValue = "indexer", showDefaultValue = Visibility.ALWAYS,
            description = "the command name the script completes")
    String alias;

    @Override
    public int run(IndexerContext context) {
        context.console().say(AutoComplete.bash(alias, spec.root().commandLine()));
        return 0;
    }
}
