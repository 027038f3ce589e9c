complete -c xano-mcp -f -n __fish_use_subcommand -a "help serve version"
