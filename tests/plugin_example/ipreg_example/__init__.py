"""A third-party jurisdiction living outside the ipreg tree."""
