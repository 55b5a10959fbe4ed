"""The core API that GraphQL resolvers, the CLI, importers and plugins call."""
