"""The words around what the consortium writes itself (its reflection per network) and of the
report as DOCX, Dutch with English. Merged into reports.wording.TEXTS."""

from __future__ import annotations

OWN_TEXTS: dict[str, dict[str, str]] = {
    "reflection": {
        "nl": "Reflectie van het consortium",
        "en": "The consortium's reflection",
    },
    "build_done_docx": {
        "nl": "Klaar: het Word-bestand in {seconds} s.",
        "en": "Done: the Word file in {seconds} s.",
    },
    # A Word document's table of contents is a field that Word fills when it is updated.
    "docx_toc_hint": {
        "nl": "De inhoudsopgave wordt gevuld als u in Word op F9 drukt (of met de rechtermuisknop "
        "'Veld bijwerken' kiest).",
        "en": "The table of contents is filled when you press F9 in Word (or right-click and "
        "choose 'Update field').",
    },
}
