"""The NPPZ report's parts, one module per part; each returns a list of reportlab flowables made
from reports.content.ReportContent (the exported figures and the stored records)."""
