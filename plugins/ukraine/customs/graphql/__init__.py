"""GraphQL of the customs register: its types, queries, mutations and loaders."""
