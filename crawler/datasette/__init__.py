"""Datasette for analysts: metadata, canned queries, templates and the plugin `wirewatch serve` uses."""
