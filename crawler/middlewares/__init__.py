"""Downloader middlewares, one a module."""
