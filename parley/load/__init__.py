"""Loading: read files (readers), strip chrome (clean), find metadata, build Articles (article).

Entry points: ``read_path`` / ``read_bytes_with_rejects`` (lenient, return a ReadResult of
documents and rejects), ``walk`` (files under folders) and ``build_article``.
"""
