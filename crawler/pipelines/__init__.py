"""Item pipelines, one a module: processing (extraction, language, signatures), translation, storage, dedup."""
