"""The floor and the top of the house (README, "Layout").

The floor, imported by everything: the domain's fixed words (vocabulary), settings, the framework
file (framework, framework_model, framework_checks, yaml_file), clock, numbers, inert and the text
catalogue. The services above db/: the sources file and its kinds, storing the framework (the
accounts are in accounts/). The top: the command line (cli*), the scheduler and its jobs and
backups (the demo data is in demo/).
"""
