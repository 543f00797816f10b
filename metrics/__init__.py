"""The measures of measures.md as pure functions (scoring, suppression, change, the road to the
target, reliability, agreement, the partner network, projects and goals), and the one store that
reads answers and writes the snapshots every page and report reads (store.py, recompute.py)."""
