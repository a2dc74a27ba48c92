"""Item pipelines, one a module: extraction, language, storage (later translation, dedup)."""
