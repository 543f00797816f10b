"""The demo data set for the seven Septet networks (load.py: questionnaires, projects, goals;
partners.py: the partner network). Loaded by `make run` on an empty database and by the tests; only the
command line's `run` and `demo` commands import it."""
