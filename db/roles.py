"""The account roles (domain.md, "Who may do what"), apart from the tables: the command line
offers them as choices without importing SQLAlchemy."""

ROLES = ("beheerder", "coordinator", "stuurgroep", "rapporteur")
