"""The kinds of source, one module each; every module registers its kind with
samenwerkingsmonitor/source_kinds.py when it is imported, here. A new kind is one new module here
and its line below (docs/sources-collectors.md, "Adding a source kind");
tests/test_source_kinds.py checks that every module of this folder is registered."""

from collectors.kinds import (  # noqa: F401 (imported to register their kinds)
    goal_file,
    limesurvey_api,
    limesurvey_file,
    limesurvey_relational_file,
    msforms_file,
    push,
    relational_template,
    status_file,
    template,
)
