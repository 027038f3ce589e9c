# fish completion for xano-mcp(1). To add a command, add a line to
# __fish_xano_mcp_commands and lines below for its options and operands
# (test/cli/test_docs.c checks the list against the program's table).

function __fish_xano_mcp_commands
    # One line per command, in the order of `xano-mcp help`.
    printf '%s\t%s\n' check 'Check XanoScript files for errors, offline'
    printf '%s\t%s\n' compile 'Compile SDK builder code to XanoScript'
    printf '%s\t%s\n' fmt 'Format XanoScript files canonically'
    printf '%s\t%s\n' help 'Show help for xano-mcp or one of its commands'
    printf '%s\t%s\n' serve 'Run the MCP server on stdin/stdout (what MCP clients launch)'
    printf '%s\t%s\n' version 'Print the version'
end

# True until a command name appears on the command line.
function __fish_xano_mcp_needs_command
    set -l words (commandline -opc)
    set -e words[1]
    set -l skip 0
    for word in $words
        if test $skip = 1
            set skip 0
            continue
        end
        switch $word
            case --log-level --log-format
                set skip 1
            case '-*'
            case '*'
                return 1
        end
    end
    return 0
end

complete -c xano-mcp -f

# Global options.
complete -c xano-mcp -n __fish_xano_mcp_needs_command -s h -l help -d 'Show the usage and exit'
complete -c xano-mcp -n __fish_xano_mcp_needs_command -s V -l version -d 'Print the version and exit'
complete -c xano-mcp -n __fish_xano_mcp_needs_command -s v -l verbose -d 'Log more: info, then debug'
complete -c xano-mcp -n __fish_xano_mcp_needs_command -l log-level -x -a 'silent error warn info debug' -d 'Log threshold'
complete -c xano-mcp -n __fish_xano_mcp_needs_command -l log-format -x -a 'text json' -d 'Format of log lines'

# Commands.
complete -c xano-mcp -n __fish_xano_mcp_needs_command -a '(__fish_xano_mcp_commands)'

# Options and operands of each command; commands that read files use -F.
complete -c xano-mcp -n '__fish_seen_subcommand_from check' -s h -l help -d 'Show the usage of check'
complete -c xano-mcp -n '__fish_seen_subcommand_from check' -l json -d 'Print the diagnostics as JSON'
complete -c xano-mcp -n '__fish_seen_subcommand_from check' -l ls11 -d 'Also warn about what only Xano 11.x rejects'
complete -c xano-mcp -n '__fish_seen_subcommand_from check' -F
complete -c xano-mcp -n '__fish_seen_subcommand_from compile' -s h -l help -d 'Show the usage of compile'
complete -c xano-mcp -n '__fish_seen_subcommand_from compile' -l json -d 'Print the result as one JSON object'
complete -c xano-mcp -n '__fish_seen_subcommand_from compile' -l no-fix -d 'Apply no automatic repairs'
complete -c xano-mcp -n '__fish_seen_subcommand_from compile' -F
complete -c xano-mcp -n '__fish_seen_subcommand_from fmt' -s h -l help -d 'Show the usage of fmt'
complete -c xano-mcp -n '__fish_seen_subcommand_from fmt' -l check -d 'List the files that are not formatted'
complete -c xano-mcp -n '__fish_seen_subcommand_from fmt' -s w -l write -d 'Rewrite the files in place'
complete -c xano-mcp -n '__fish_seen_subcommand_from fmt' -F
complete -c xano-mcp -n '__fish_seen_subcommand_from help' -s h -l help -d 'Show the usage of help'
complete -c xano-mcp -n '__fish_seen_subcommand_from help' -a '(__fish_xano_mcp_commands)'
complete -c xano-mcp -n '__fish_seen_subcommand_from serve' -s h -l help -d 'Show the usage of serve'
complete -c xano-mcp -n '__fish_seen_subcommand_from version' -s h -l help -d 'Show the usage of version'
