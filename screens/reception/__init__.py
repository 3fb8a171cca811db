"""The reception staff terminal: intake, ticket issue and the counter's whole day."""
