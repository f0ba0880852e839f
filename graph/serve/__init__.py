"""The graph over HTTP: a SPARQL endpoint on loopback, and pushing to a Graph Store."""
