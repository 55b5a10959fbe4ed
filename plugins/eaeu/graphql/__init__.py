"""The EAEU plugin's GraphQL: the entry type, query and mutation fields (prefixed ``eaeu``)."""
