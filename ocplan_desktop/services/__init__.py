"""Use-cases: check the input, write through the store, say what changed."""
