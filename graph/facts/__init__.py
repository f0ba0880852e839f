"""Reading and checking fact files: YAML, fields, references, types, quotes."""
