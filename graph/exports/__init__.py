"""Writing the built graph in every format."""
