"""One writer per output format; each reads the archive (posts.jsonl is the source of truth)."""
