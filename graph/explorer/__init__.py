"""The offline HTML explorer: its data (Python) and its page (templates/)."""
