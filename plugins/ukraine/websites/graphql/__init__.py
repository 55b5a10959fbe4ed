"""GraphQL of the national list of websites (Order 2945): types, queries, mutations."""
