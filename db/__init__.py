"""Tables, engine and migrations. Knows nothing of the packages above it."""
