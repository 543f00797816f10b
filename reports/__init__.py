"""Documents made from the exported figures: the yearly NPPZ report (PDF with an XLSX annex) and
the monthly steering-group digest (an e-mail with the network's one-page PDF).

Like the dashboard, this package reads measure snapshots (metrics.store) and never recomputes a
figure: every number in a document is one of the `measures` export, formatted.
"""
