"""Live sources: article URLs and RSS/Atom feeds, fetched politely and ingested like files.

``fetch``: the bounded HTTP client; ``urls``: canonical URLs and the private-address rule;
``feeds``: RSS/Atom and OPML; ``page``: a fetched page as a document; ``poll``: fetch URLs and
poll feeds into the store through ``parley.ingest``.
"""
