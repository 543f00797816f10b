"""Samenwerkingsmonitor: the glue between db/, collectors/, metrics/ and dashboard/ (settings, CLI, demo)."""
