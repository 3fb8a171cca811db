"""One module per `madoguchi` subcommand; each has `register(subparsers, common)`."""
