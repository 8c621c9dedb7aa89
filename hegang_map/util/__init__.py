"""Shared utilities below every other package: lazy imports, the config and cache folders."""
