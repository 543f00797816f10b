"""Interface texts, Dutch first with English available; every label exists in both.

Explanations are written for steering-group members, not analysts: what the figure shows and
how to read it, in plain words.
"""

from __future__ import annotations

from dashboard.score_texts import SCORE_TEXTS

LANGUAGES = ("nl", "en")

TEXTS: dict[str, dict[str, str]] = {
    **SCORE_TEXTS,
    # --- app and navigation ---------------------------------------------------------------------
    "app_title": {"nl": "Samenwerkingsmonitor", "en": "Collaboration monitor"},
    "language": {"nl": "English", "en": "Nederlands"},
    "language_tooltip": {
        "nl": "Show this page in English",
        "en": "Toon deze pagina in het Nederlands",
    },
    "overview": {"nl": "Overzicht", "en": "Overview"},
    "network_page": {"nl": "Netwerk", "en": "Network"},
    "compare": {"nl": "Vergelijken", "en": "Compare"},
    "projects": {"nl": "Projecten", "en": "Projects"},
    "quality": {"nl": "Kwaliteit", "en": "Quality"},
    # --- partners and agreements ------------------------------------------------------------------
    "agreements_page": {"nl": "Afspraken", "en": "Agreements"},
    "agreements_intro": {
        "nl": "De samenwerkingsafspraken van een netwerk: vastgelegde transmurale afspraken tussen "
        "twee of meer partners, waarover, sinds wanneer en wanneer ze opnieuw worden geëvalueerd.",
        "en": "A network's collaboration agreements: documented transmural agreements between two "
        "or more partners, what about, since when and when they are evaluated next.",
    },
    "agreements_no_network": {
        "nl": "U bent aan geen netwerk gekoppeld.",
        "en": "Your account is not linked to a network.",
    },
    "agreements_table_title": {
        "nl": "Afspraken van het netwerk",
        "en": "The network's agreements",
    },
    "agreements_table_help": {
        "nl": "Elke regel is een afspraak tussen partners van het netwerk. 'Evaluatie verlopen' "
        "betekent: de geplande evaluatiedatum is voorbij.",
        "en": "Each row is an agreement between partners of the network. 'Evaluation overdue' "
        "means: the planned evaluation date has passed.",
    },
    "agreements_form_title": {"nl": "Afspraak vastleggen", "en": "Record an agreement"},
    "agreements_none": {
        "nl": "Nog geen afspraken vastgelegd voor dit netwerk.",
        "en": "No agreements recorded for this network yet.",
    },
    "agreements_read_only": {
        "nl": "U kunt de afspraken van dit netwerk lezen; de coördinator van het netwerk en de "
        "beheerder leggen ze vast.",
        "en": "You can read this network's agreements; the network's coordinator and the "
        "administrator record them.",
    },
    "agreement_topic": {"nl": "Onderwerp", "en": "Topic"},
    "agreement_topic_warme_overdracht": {"nl": "warme overdracht", "en": "warm hand-over"},
    "agreement_topic_consultatie": {"nl": "consultatie", "en": "consultation"},
    "agreement_topic_beschikbaarheid_24_7": {
        "nl": "24/7 bereikbaarheid",
        "en": "24/7 availability",
    },
    "agreement_topic_gedeeld_zorgplan": {"nl": "gedeeld zorgplan", "en": "shared care plan"},
    "agreement_topic_scholing": {"nl": "scholing", "en": "education"},
    "agreement_topic_overig": {"nl": "overig", "en": "other"},
    "agreement_partners": {"nl": "Partners", "en": "Partners"},
    "agreement_partners_help": {
        "nl": "Kies ten minste twee partners van dit netwerk.",
        "en": "Choose at least two partners of this network.",
    },
    "agreement_description": {"nl": "Omschrijving", "en": "Description"},
    "agreement_description_help": {
        "nl": "Wat is er afgesproken? Ten hoogste {max} tekens.",
        "en": "What was agreed? At most {max} characters.",
    },
    "agreement_since": {"nl": "Sinds", "en": "Since"},
    "agreement_next_evaluation": {"nl": "Volgende evaluatie", "en": "Next evaluation"},
    "agreement_next_evaluation_help": {
        "nl": "Mag leeg blijven; anders een datum na 'Sinds'.",
        "en": "May stay empty; otherwise a date after 'Since'.",
    },
    "agreement_updated": {"nl": "Laatst gewijzigd", "en": "Last changed"},
    "agreement_overdue": {"nl": "evaluatie verlopen", "en": "evaluation overdue"},
    "agreement_edit": {"nl": "Wijzigen", "en": "Edit"},
    "agreement_save": {"nl": "Opslaan", "en": "Save"},
    "agreement_new": {"nl": "Nieuwe afspraak", "en": "New agreement"},
    "agreement_delete": {"nl": "Verwijderen", "en": "Remove"},
    "agreement_delete_confirm": {
        "nl": "Deze afspraak verwijderen? Dit kan niet ongedaan worden gemaakt.",
        "en": "Remove this agreement? This cannot be undone.",
    },
    "agreement_mode_new": {"nl": "Nieuwe afspraak", "en": "New agreement"},
    "agreement_mode_edit": {"nl": "Afspraak wijzigen", "en": "Edit agreement"},
    "agreement_saved": {"nl": "Afspraak opgeslagen.", "en": "Agreement saved."},
    "agreement_deleted": {"nl": "Afspraak verwijderd.", "en": "Agreement removed."},
    "agreement_invalid": {
        "nl": "Niet opgeslagen: verbeter de gemarkeerde velden.",
        "en": "Not saved: correct the marked fields.",
    },
    "agreement_error_network": {"nl": "Kies een netwerk.", "en": "Choose a network."},
    "agreement_error_topic": {
        "nl": "Kies een onderwerp uit de lijst.",
        "en": "Choose a topic from the list.",
    },
    "agreement_error_description_empty": {
        "nl": "Beschrijf kort wat er is afgesproken.",
        "en": "Describe briefly what was agreed.",
    },
    "agreement_error_description_long": {
        "nl": "De omschrijving is te lang: ten hoogste {max} tekens.",
        "en": "The description is too long: at most {max} characters.",
    },
    "agreement_error_date_invalid": {
        "nl": "Vul een geldige datum in (dd-mm-jjjj).",
        "en": "Fill in a valid date (dd-mm-yyyy).",
    },
    "agreement_error_since_empty": {
        "nl": "Vul in sinds wanneer de afspraak geldt.",
        "en": "Fill in since when the agreement applies.",
    },
    "agreement_error_since_future": {
        "nl": "Deze datum ligt in de toekomst: leg een afspraak vast zodra die geldt.",
        "en": "This date is in the future: record an agreement once it applies.",
    },
    "agreement_error_evaluation_before_since": {
        "nl": "De volgende evaluatie moet na de startdatum liggen.",
        "en": "The next evaluation must come after the start date.",
    },
    "agreement_error_partners_few": {
        "nl": "Kies ten minste twee verschillende partners.",
        "en": "Choose at least two different partners.",
    },
    "agreement_error_partners_network": {
        "nl": "Kies alleen partners van dit netwerk.",
        "en": "Choose partners of this network only.",
    },
    "agreement_error_unknown": {
        "nl": "Deze afspraak bestaat niet (meer) in dit netwerk.",
        "en": "This agreement does not exist (any more) in this network.",
    },
    "partners_page": {"nl": "Partners", "en": "Partners"},
    "partners_intro": {
        "nl": "De partnerorganisaties van een netwerk, hun sector en de metingen van de "
        "netwerkvragenlijst waarin ze meedoen. Deze lijst bepaalt wie op de netwerkkaart staat.",
        "en": "A network's partner organisations, their sector and the rounds of the partner "
        "network questionnaire they take part in. This list decides who is on the network map.",
    },
    "partners_table_title": {"nl": "Partners van het netwerk", "en": "The network's partners"},
    "partners_table_help": {
        "nl": "Golven: de metingen van de netwerkvragenlijst waarin de partner op de lijst stond.",
        "en": "Waves: the rounds of the partner network questionnaire in which the partner was "
        "listed.",
    },
    "partners_none": {
        "nl": "Nog geen partners voor dit netwerk.",
        "en": "No partners for this network yet.",
    },
    "partners_read_only": {
        "nl": "U kunt de partners van dit netwerk lezen; de coördinator van het netwerk en de "
        "beheerder houden de lijst bij.",
        "en": "You can read this network's partners; the network's coordinator and the "
        "administrator keep the list.",
    },
    "partners_form_title": {"nl": "Partner toevoegen of wijzigen", "en": "Add or edit a partner"},
    "partner_mode_new": {"nl": "Nieuwe partner", "en": "New partner"},
    "partner_mode_edit": {"nl": "Partner wijzigen", "en": "Edit partner"},
    "partner_code": {"nl": "Code", "en": "Code"},
    "partner_code_help": {
        "nl": "Kort en vast, bijvoorbeeld HA-OOST: letters, cijfers, '-', '_' en '.'.",
        "en": "Short and stable, e.g. HA-OOST: letters, digits, '-', '_' and '.'.",
    },
    "partner_name": {"nl": "Naam", "en": "Name"},
    "partner_sector": {"nl": "Sector", "en": "Sector"},
    "partner_waves": {"nl": "Golven", "en": "Waves"},
    "partner_waves_help": {
        "nl": "In welke metingen van de netwerkvragenlijst staat de partner op de lijst?",
        "en": "In which rounds of the partner network questionnaire is the partner listed?",
    },
    "partner_save": {"nl": "Opslaan", "en": "Save"},
    "partner_new": {"nl": "Nieuwe partner", "en": "New partner"},
    "partner_saved": {"nl": "Partner opgeslagen.", "en": "Partner saved."},
    "partner_invalid": {
        "nl": "Niet opgeslagen: verbeter de gemarkeerde velden.",
        "en": "Not saved: correct the marked fields.",
    },
    "partner_error_required": {"nl": "Vul dit veld in.", "en": "Fill in this field."},
    "partner_error_foreign_network": {
        "nl": "Dit is niet uw netwerk.",
        "en": "This is not your network.",
    },
    "partner_error_unknown_network": {
        "nl": "Onbekend netwerk.",
        "en": "Unknown network.",
    },
    "partner_error_code_too_long": {
        "nl": "De code is te lang: ten hoogste {code_max} tekens.",
        "en": "The code is too long: at most {code_max} characters.",
    },
    "partner_error_code_characters": {
        "nl": "Gebruik in de code alleen letters, cijfers, '-', '_' en '.', en begin met een "
        "letter of cijfer.",
        "en": "Use only letters, digits, '-', '_' and '.' in the code, starting with a letter or "
        "digit.",
    },
    "partner_error_name_too_long": {
        "nl": "De naam is te lang: ten hoogste {name_max} tekens.",
        "en": "The name is too long: at most {name_max} characters.",
    },
    "partner_error_unknown_sector": {
        "nl": "Kies een sector uit de lijst.",
        "en": "Choose a sector from the list.",
    },
    "partner_error_unknown_wave": {
        "nl": "Kies alleen golven van de netwerkvragenlijst.",
        "en": "Choose waves of the partner network questionnaire only.",
    },
    "partner_error_not_relational_wave": {
        "nl": "Kies alleen golven van de netwerkvragenlijst.",
        "en": "Choose waves of the partner network questionnaire only.",
    },
    "partner_error_code_taken": {
        "nl": "Een andere partner van dit netwerk heeft deze code al.",
        "en": "Another partner of this network already has this code.",
    },
    "partner_error_unknown_partner": {
        "nl": "Deze partner bestaat niet (meer).",
        "en": "This partner does not exist (any more).",
    },
    "partner_error_network_fixed": {
        "nl": "Deze partner heeft al antwoorden in zijn netwerk en kan niet naar een ander "
        "netwerk; voeg hem daar als nieuwe partner toe.",
        "en": "This partner already has answers in its network and cannot move to another "
        "network; add it there as a new partner.",
    },
    "partner_error_duplicate": {
        "nl": "Deze partner staat meer dan eens in het bestand.",
        "en": "This partner appears more than once in the file.",
    },
    "partners_upload_title": {"nl": "Partnerlijst inlezen", "en": "Import a partner list"},
    "partners_upload_help": {
        "nl": "Een CSV- of Excel-bestand met de kolommen network, code, name, sector en waves "
        "(golven gescheiden door ; of ,). Een lijst bepaalt wie er in de genoemde golven op staat: "
        "partners die het bestand voor zo'n golf niet noemt, gaan er voor die golf af. Afgekeurde "
        "regels worden niet ingelezen en hieronder getoond.",
        "en": "A CSV or Excel file with the columns network, code, name, sector and waves (waves "
        "separated by ; or ,). A list decides who is listed in the waves it names: partners the "
        "file does not name for such a wave leave it for that wave. Rejected rows are not imported "
        "and are shown below.",
    },
    "partners_upload_drop": {
        "nl": "Sleep een bestand hierheen of klik om te kiezen (CSV of XLSX)",
        "en": "Drag a file here or click to choose (CSV or XLSX)",
    },
    "partners_upload_type": {
        "nl": "Kies een CSV- of XLSX-bestand.",
        "en": "Choose a CSV or XLSX file.",
    },
    "partners_upload_unreadable": {
        "nl": "Het bestand kon niet worden gelezen; probeer het opnieuw.",
        "en": "The file could not be read; try again.",
    },
    "partners_upload_summary": {
        "nl": "{file}: {new} nieuw, {updated} gewijzigd, {unchanged} ongewijzigd, "
        "{rejected} afgekeurd.",
        "en": "{file}: {new} new, {updated} changed, {unchanged} unchanged, {rejected} rejected.",
    },
    "partners_reject_row": {"nl": "Regel", "en": "Row"},
    "partners_reject_column": {"nl": "Kolom", "en": "Column"},
    "partners_reject_reason": {"nl": "Reden", "en": "Reason"},
    "download_csv": {
        "nl": "Download deze tabel als CSV (kommagescheiden, punt als decimaalteken)",
        "en": "Download this table as CSV (comma-separated, dot as decimal separator)",
    },
    "download_xlsx": {
        "nl": "Download deze tabel als Excel-bestand (XLSX)",
        "en": "Download this table as an Excel file (XLSX)",
    },
    # --- shared words ----------------------------------------------------------------------------
    "network": {"nl": "Netwerk", "en": "Network"},
    "networks": {"nl": "Netwerken", "en": "Networks"},
    # --- partner network (network page) ----------------------------------------------------------
    "pn_title": {"nl": "Partnernetwerk", "en": "Partner network"},
    "pn_jump": {"nl": "Naar het partnernetwerk ↓", "en": "To the partner network ↓"},
    "pn_intro": {
        "nl": "Wie werkt met wie? In de netwerkvragenlijst geeft elke partnerorganisatie aan met "
        "welke andere partners zij de afgelopen 12 maanden samenwerkte. Eén melding is genoeg voor "
        "een band; de kaart en de kengetallen volgen per golf.",
        "en": "Who works with whom? In the network questionnaire each partner organisation says "
        "which other partners it worked with in the last 12 months. One report is enough for a "
        "tie; the map and the figures follow per wave.",
    },
    "pn_choose_network": {
        "nl": "Kies hierboven één netwerk: het partnernetwerk bestaat per netwerk, niet voor het "
        "consortium als geheel.",
        "en": "Choose one network above: the partner network exists per network, not for the "
        "consortium as a whole.",
    },
    "pn_no_data": {
        "nl": "Nog geen partnernetwerk voor dit netwerk. Zet eerst de partnerlijst van het netwerk "
        "klaar (de beheerder importeert die uit een spreadsheet) en lees daarna de "
        "netwerkvragenlijst in met `samenwerkingsmonitor ingest`; na het herberekenen verschijnen "
        "hier de kaart en de kengetallen.",
        "en": "No partner network for this network yet. First set up the network's partner list "
        "(the administrator imports it from a spreadsheet), then ingest the network questionnaire "
        "with `samenwerkingsmonitor ingest`; after the recompute the map and the figures appear "
        "here.",
    },
    "pn_no_wave_data": {
        "nl": "Nog geen gegevens van de netwerkvragenlijst.",
        "en": "No network questionnaire data yet.",
    },
    "pn_wave": {"nl": "Golf van de netwerkvragenlijst", "en": "Wave of the network questionnaire"},
    "pn_highlight_new": {
        "nl": "Nieuwe banden sinds de vorige golf markeren",
        "en": "Highlight ties that are new since the previous wave",
    },
    "pn_map_title": {"nl": "Netwerkkaart", "en": "Network map"},
    "pn_map_help": {
        "nl": "Elke vorm is een partnerorganisatie, gekleurd en gevormd naar sector en groter "
        "naarmate zij meer banden heeft. Een lijn is een band: dikker en doorgetrokken bij vaker "
        "samenwerken. Elke organisatie houdt haar plaats als u een andere golf kiest.",
        "en": "Each shape is a partner organisation, coloured and shaped by sector and larger the "
        "more ties it has. A line is a tie: thicker and solid when they work together more often. "
        "Every organisation keeps its place when you choose another wave.",
    },
    "pn_summary": {
        "nl": "{wave}: {partners} organisaties op de lijst, {ties} banden, {isolates} zonder band.",
        "en": "{wave}: {partners} organisations listed, {ties} ties, {isolates} without a tie.",
    },
    "pn_summary_change": {
        "nl": " Sinds {previous}: {new} nieuwe en {lost} verdwenen banden.",
        "en": " Since {previous}: {new} new and {lost} lost ties.",
    },
    "pn_hover": {
        "nl": "{name} · {sector} · {degree} banden",
        "en": "{name} · {sector} · {degree} ties",
    },
    "pn_hover_help": {
        "nl": "Wijs een organisatie op de kaart aan voor haar naam, sector en aantal banden.",
        "en": "Point at an organisation on the map for its name, sector and number of ties.",
    },
    "pn_legend_sectors": {"nl": "Sectoren", "en": "Sectors"},
    "pn_legend_ties": {"nl": "Banden", "en": "Ties"},
    "pn_legend_agreement": {
        "nl": "donkere lijn: band met een vastgelegde samenwerkingsafspraak",
        "en": "dark line: tie covered by a documented agreement",
    },
    "pn_legend_new": {
        "nl": "oranje lijn: nieuwe band sinds de vorige golf",
        "en": "orange line: new tie since the previous wave",
    },
    "pn_legend_one_sided": {
        "nl": "pijl: door één kant gemeld, wijst naar de genoemde partner",
        "en": "arrow: reported by one side only, points to the partner named",
    },
    "pn_legend_isolate": {
        "nl": "gestippelde rand: partner zonder band",
        "en": "dashed border: partner without a tie",
    },
    "pn_freq_1": {"nl": "enkele keren", "en": "a few times"},
    "pn_freq_2": {"nl": "maandelijks", "en": "monthly"},
    "pn_freq_3": {"nl": "wekelijks", "en": "weekly"},
    "pn_matrix_title": {"nl": "Banden tussen sectoren", "en": "Ties between sectors"},
    "pn_matrix_help": {
        "nl": "Het aantal banden tussen organisaties van twee sectoren in de gekozen golf. De "
        "diagonaal telt de banden binnen één sector.",
        "en": "The number of ties between organisations of two sectors in the chosen wave. The "
        "diagonal counts the ties within one sector.",
    },
    "pn_trend_title": {"nl": "Kengetallen door de tijd", "en": "Figures over time"},
    "pn_trend_help": {
        "nl": "Hoe het netwerk verandert per golf, met de rechte weg naar het doel voor 2028 waar "
        "er een doel is. Dichtheid: het deel van alle paren partners dat samenwerkt. Vertrouwen en "
        "waarde: het gemiddelde van drie stellingen (1–4), alleen bij genoeg respondenten.",
        "en": "How the network changes per wave, with the straight road to the 2028 target where "
        "there is one. Density: the share of all pairs of partners that work together. Trust and "
        "value: the mean of three statements (1–4), only with enough respondents.",
    },
    "pn_figure": {"nl": "Kengetal", "en": "Figure"},
    "pn_fig_partners": {"nl": "Partners op de lijst", "en": "Partners listed"},
    "pn_fig_respondents": {
        "nl": "Partners die de vragenlijst invulden",
        "en": "Partners who answered the questionnaire",
    },
    "pn_fig_ties": {"nl": "Banden", "en": "Ties"},
    "pn_fig_density": {"nl": "Dichtheid", "en": "Density"},
    "pn_fig_centralization": {"nl": "Centralisatie", "en": "Centralization"},
    "pn_fig_reciprocity": {"nl": "Wederkerigheid", "en": "Reciprocity"},
    "pn_fig_cross_sector_share": {
        "nl": "Aandeel banden tussen sectoren",
        "en": "Share of ties across sectors",
    },
    "pn_fig_cross_sector_density": {
        "nl": "Dichtheid tussen sectoren",
        "en": "Density across sectors",
    },
    "pn_fig_trust": {"nl": "Vertrouwen (1–4)", "en": "Trust (1–4)"},
    "pn_fig_value": {"nl": "Waarde (1–4)", "en": "Value (1–4)"},
    "pn_fig_isolates": {"nl": "Partners zonder band", "en": "Partners without a tie"},
    "pn_fig_new_ties": {"nl": "Nieuwe banden", "en": "New ties"},
    "pn_fig_lost_ties": {"nl": "Verdwenen banden", "en": "Lost ties"},
    "pn_table_title": {"nl": "Kengetallen van de golf", "en": "Figures of the wave"},
    "pn_table_help": {
        "nl": "De kengetallen van de gekozen golf, het verschil met de vorige golf en het doel "
        "voor 2028.",
        "en": "The figures of the chosen wave, the change since the previous wave and the 2028 "
        "target.",
    },
    "pn_value": {"nl": "Waarde", "en": "Value"},
    "pn_change": {"nl": "Verschil met vorige golf", "en": "Change since previous wave"},
    "pn_points": {"nl": "%-punt", "en": "pts"},
    "pn_org_title": {"nl": "Eigen beeld van een organisatie", "en": "An organisation's own view"},
    "pn_org_help": {
        "nl": "Kies een organisatie: haar banden in de gekozen golf, de partners waarmee zij geen "
        "band heeft, de afspraken waaraan zij deelneemt en het vertrouwen en de waarde die de "
        "anderen haar geven (alleen bij genoeg beoordelaars).",
        "en": "Choose an organisation: its ties in the chosen wave, the partners it has no tie "
        "with, the agreements it takes part in and the trust and value the others give it (only "
        "with enough raters).",
    },
    "pn_org_choose": {"nl": "Kies een organisatie", "en": "Choose an organisation"},
    "pn_org_not_listed": {
        "nl": "{name} stond in {wave} niet op de partnerlijst.",
        "en": "{name} was not on the partner list in {wave}.",
    },
    "pn_org_ties": {"nl": "Banden in {wave}", "en": "Ties in {wave}"},
    "pn_org_no_ties": {"nl": "Geen banden in deze golf.", "en": "No ties in this wave."},
    "pn_org_no_tie_with": {"nl": "Geen band met", "en": "No tie with"},
    "pn_org_all_tied": {
        "nl": "Een band met alle partners op de lijst.",
        "en": "A tie with every partner on the list.",
    },
    "pn_org_agreements": {"nl": "Afspraken", "en": "Agreements"},
    "pn_org_no_agreements": {
        "nl": "Neemt aan geen vastgelegde afspraak deel.",
        "en": "Takes part in no documented agreement.",
    },
    "pn_received": {
        "nl": "Vertrouwen en waarde volgens de anderen",
        "en": "Trust and value according to the others",
    },
    "pn_received_trust": {"nl": "Vertrouwen (1–4)", "en": "Trust (1–4)"},
    "pn_received_value": {"nl": "Waarde (1–4)", "en": "Value (1–4)"},
    "pn_raters": {"nl": "{n} beoordelaars", "en": "{n} raters"},
    "pn_too_few_raters": {"nl": "te weinig beoordelaars", "en": "too few raters"},
    "pn_no_ratings": {"nl": "geen beoordelingen", "en": "no ratings"},
    "pn_partner": {"nl": "Partner", "en": "Partner"},
    "pn_organisation_a": {"nl": "Organisatie A", "en": "Organisation A"},
    "pn_organisation_b": {"nl": "Organisatie B", "en": "Organisation B"},
    "pn_sector": {"nl": "Sector", "en": "Sector"},
    "pn_sector_a": {"nl": "Sector A", "en": "Sector A"},
    "pn_sector_b": {"nl": "Sector B", "en": "Sector B"},
    "pn_frequency": {"nl": "Samenwerking", "en": "Working together"},
    "pn_reported_by": {"nl": "Gemeld door", "en": "Reported by"},
    "pn_both": {"nl": "beide", "en": "both"},
    "pn_has_agreement": {"nl": "Afspraak", "en": "Agreement"},
    "pn_yes": {"nl": "ja", "en": "yes"},
    "pn_no": {"nl": "nee", "en": "no"},
    "pn_agreements_title": {"nl": "Samenwerkingsafspraken", "en": "Collaboration agreements"},
    "pn_agreements_help": {
        "nl": "De vastgelegde transmurale afspraken van dit netwerk: waarover, tussen welke "
        "partners, sinds wanneer en wanneer ze weer worden geëvalueerd. Coördinatoren leggen ze "
        "vast op de pagina Afspraken.",
        "en": "This network's documented transmural agreements: what about, between which "
        "partners, since when and when they are evaluated next. Coordinators record them on the "
        "Agreements page.",
    },
    "pn_no_agreements": {
        "nl": "Nog geen afspraken vastgelegd voor dit netwerk.",
        "en": "No agreements recorded for this network yet.",
    },
    "pn_topic": {"nl": "Onderwerp", "en": "Topic"},
    "pn_partners": {"nl": "Partners", "en": "Partners"},
    "pn_since": {"nl": "Sinds", "en": "Since"},
    "pn_next_evaluation": {"nl": "Volgende evaluatie", "en": "Next evaluation"},
    "pn_description": {"nl": "Omschrijving", "en": "Description"},
    "sector_huisarts": {"nl": "Huisarts / eerste lijn", "en": "GP / primary care"},
    "sector_thuiszorg": {"nl": "Thuiszorg", "en": "Home care"},
    "sector_ziekenhuis": {"nl": "Ziekenhuis", "en": "Hospital"},
    "sector_vvt": {"nl": "Verpleeg- en verzorgingshuis", "en": "Nursing home"},
    "sector_hospice": {"nl": "Hospice", "en": "Hospice"},
    "sector_palliatief_team": {"nl": "Palliatief team", "en": "Specialist palliative team"},
    "sector_vrijwilligers": {"nl": "Vrijwilligers", "en": "Volunteers"},
    "sector_sociaal_domein": {"nl": "Sociaal domein", "en": "Social domain"},
    "sector_overig": {"nl": "Overig", "en": "Other"},
    "wave": {"nl": "Golf", "en": "Wave"},
    "measure": {"nl": "Meetpunt", "en": "Measure"},
    "subject": {"nl": "Onderwerp", "en": "Subject"},
    "group": {"nl": "Respondentgroep", "en": "Respondent group"},
    "all_groups": {"nl": "Alle groepen", "en": "All groups"},
    "score": {"nl": "Score", "en": "Score"},
    "score_axis": {"nl": "Score (0–100)", "en": "Score (0–100)"},
    "index": {"nl": "Samenwerkingsindex", "en": "Collaboration index"},
    "measure_index": {"nl": "Samenwerkingsindex", "en": "Collaboration index"},
    "measure_theme": {"nl": "Thema's", "en": "Themes"},
    "measure_vision_element": {"nl": "Visie-elementen", "en": "Vision elements"},
    "measure_item": {"nl": "Stellingen", "en": "Statements"},
    "consortium": {"nl": "Consortium (alle netwerken)", "en": "Consortium (all networks)"},
    "consortium_short": {"nl": "Consortium", "en": "Consortium"},
    "too_few": {"nl": "te weinig respondenten", "en": "too few respondents"},
    "no_value": {"nl": "geen waarde", "en": "no value"},
    "n": {"nl": "Aantal respondenten", "en": "Number of respondents"},
    "mean": {"nl": "Gemiddelde (1–5)", "en": "Mean (1–5)"},
    "pct_positive": {"nl": "% (zeer) eens", "en": "% (strongly) agree"},
    "ci": {"nl": "95%-betrouwbaarheidsinterval", "en": "95% confidence interval"},
    "ci_band": {"nl": "95%-betrouwbaarheidsinterval", "en": "95% confidence interval"},
    "road_to_target": {"nl": "Rechte weg naar doel 2028", "en": "Straight road to 2028 target"},
    "expected": {"nl": "Verwacht op de weg naar 2028", "en": "Expected on the road to 2028"},
    "target": {"nl": "Doel", "en": "Target"},
    "baseline": {"nl": "Nulmeting", "en": "Baseline"},
    "status": {"nl": "Status", "en": "Status"},
    "significant": {"nl": "significant", "en": "significant"},
    "responses": {"nl": "Respons (aantal)", "en": "Responses (count)"},
    "response_rate": {"nl": "Responspercentage", "en": "Response rate"},
    "no_data": {
        "nl": "Nog geen gegevens. Lees vragenlijstgegevens in met `samenwerkingsmonitor ingest` "
        "of laad de demo met `samenwerkingsmonitor demo`.",
        "en": "No data yet. Ingest questionnaire data with `samenwerkingsmonitor ingest` "
        "or load the demo with `samenwerkingsmonitor demo`.",
    },
    "empty_wave": {
        "nl": "Nog geen gegevens voor deze golf. Kies een andere golf, of lees de vragenlijst "
        "van deze golf in en laat de cijfers opnieuw berekenen.",
        "en": "No data for this wave yet. Choose another wave, or ingest this wave's "
        "questionnaire and have the figures recomputed.",
    },
    # Status on the road to the 2028 target (measures.md); codes as stored in snapshots.
    "status_bereikt": {"nl": "bereikt", "en": "reached"},
    "status_op_koers": {"nl": "op koers", "en": "on track"},
    "status_aandacht": {"nl": "aandacht", "en": "attention"},
    "status_achter": {"nl": "achter", "en": "behind"},
    "verdict_agreement": {"nl": "eensgezind", "en": "agreement"},
    "verdict_split": {"nl": "verdeeld", "en": "split"},
    # --- Overzicht -------------------------------------------------------------------------------
    "overview_intro": {
        "nl": "Alle netwerken palliatieve zorg in één oogopslag: hoe de samenwerking ervoor staat "
        "op weg naar de visie van 2028, en wat er veranderde.",
        "en": "Every palliative-care network at a glance: how collaboration stands on the road "
        "to the 2028 vision, and what changed.",
    },
    "networks_at_a_glance": {"nl": "Netwerken in één oogopslag", "en": "Networks at a glance"},
    "responses_wave": {"nl": "Respons {wave}", "en": "Responses {wave}"},
    "index_latest": {
        "nl": "Samenwerkingsindex (laatste golf)",
        "en": "Collaboration index (latest wave)",
    },
    "index_wave": {"nl": "Samenwerkingsindex {wave}", "en": "Collaboration index {wave}"},
    "change_previous": {"nl": "Verandering", "en": "Change"},
    "latest_data": {"nl": "Laatste gegevens", "en": "Latest data"},
    "index_help": {
        "nl": "De samenwerkingsindex is het gemiddelde van de themascores per respondent op een schaal "
        "van 0 tot 100. Groepen van minder dan 5 respondenten worden niet getoond.",
        "en": "The collaboration index is the mean of each respondent's theme scores on a 0–100 scale. "
        "Groups of fewer than 5 respondents are not shown.",
    },
    "road_title": {"nl": "Op weg naar 2028", "en": "On the road to 2028"},
    "road_help": {
        "nl": "De stip is de samenwerkingsindex van het netwerk; het streepje is waar het netwerk "
        "nu zou moeten staan op een rechte weg van de nulmeting naar het doel voor 2028 (ster). "
        "De kleur en het woord geven de status.",
        "en": "The dot is the network's collaboration index; the tick is where the network should "
        "be now on a straight road from its baseline to the 2028 target (star). Colour and word "
        "give the status.",
    },
    "what_changed": {"nl": "Wat is er veranderd?", "en": "What changed?"},
    "what_changed_help": {
        "nl": "Alleen veranderingen die statistisch betekenisvol zijn (p < 0,05), nieuwe gegevens "
        "en projecten die de afgelopen maand vastliepen of geen update meer kregen.",
        "en": "Only changes that are statistically meaningful (p < 0.05), new data, and projects "
        "that got stuck or stopped reporting in the last month.",
    },
    "since_last_wave": {"nl": "Sinds de vorige golf", "en": "Since the previous wave"},
    "since_wave": {"nl": "punten t.o.v. {wave}", "en": "points vs {wave}"},
    "more_changes": {
        "nl": "en nog {count} kleinere significante veranderingen (zie Vergelijken)",
        "en": "and {count} smaller significant changes (see Compare)",
    },
    "since_last_month": {"nl": "Sinds vorige maand", "en": "Since last month"},
    "no_significant_change": {
        "nl": "Geen significante veranderingen in deze golf.",
        "en": "No significant changes in this wave.",
    },
    "nothing_new_month": {
        "nl": "Niets nieuws in de afgelopen maand.",
        "en": "Nothing new in the last month.",
    },
    "new_data_in": {
        "nl": "Nieuwe vragenlijstgegevens: {networks}",
        "en": "New questionnaire data: {networks}",
    },
    "turned_red": {"nl": "vastgelopen", "en": "stuck"},
    "turned_stale": {"nl": "geen update", "en": "no update"},
    # --- Netwerk ---------------------------------------------------------------------------------
    "network_intro": {
        "nl": "Eén netwerk door de golven heen: de index, elk thema en elk visie-element, met de "
        "weg naar het doel voor 2028.",
        "en": "One network across the waves: the index, each theme and each vision element, with "
        "the road to the 2028 target.",
    },
    "trend_title": {"nl": "Verloop over de golven", "en": "Over the waves"},
    "trend_help": {
        "nl": "De lijn is de score per golf; de blauwe band is het 95%-betrouwbaarheidsinterval "
        "(hoe smaller, hoe zekerder). De oranje stippellijn is de rechte weg van de nulmeting naar "
        "het doel voor 2028. Paarse lijnen zijn notities van de stuurgroep.",
        "en": "The line is the score per wave; the blue band is the 95% confidence interval (the "
        "narrower, the surer). The dashed orange line is the straight road from the baseline to "
        "the 2028 target. Purple lines are the steering group's notes.",
    },
    "status_now": {"nl": "Status: {status}", "en": "Status: {status}"},
    "radar_title": {"nl": "Thema's per golf", "en": "Themes per wave"},
    "radar_help": {
        "nl": "Elk punt op de spin is een thema: hoe verder naar buiten, hoe beter. De grijze "
        "stippellijn is het consortium als geheel, ter vergelijking.",
        "en": "Each spoke is a theme: the further out, the better. The grey dotted line is the "
        "whole consortium, for comparison.",
    },
    "agreement_title": {"nl": "Eensgezind of verdeeld?", "en": "Agreement or split?"},
    "agreement_help": {
        "nl": "De spreiding (interkwartielafstand) van de themascores: tot 1,0 (stippellijn) zijn "
        "partners het grotendeels eens, daarboven zijn ze verdeeld. Klik op een thema om de "
        "stellingen erachter te zien.",
        "en": "The spread (interquartile range) of the theme scores: up to 1.0 (dashed line) "
        "partners largely agree, above it they are split. Click a theme to see its statements.",
    },
    "iqr_axis": {"nl": "Interkwartielafstand", "en": "Interquartile range"},
    "groups_title": {"nl": "Per respondentgroep", "en": "By respondent group"},
    "groups_help": {
        "nl": "Dezelfde score per respondentgroep. Groepen met minder dan 5 respondenten worden "
        "niet getoond, om de anonimiteit te beschermen.",
        "en": "The same score per respondent group. Groups of fewer than 5 respondents are not "
        "shown, to protect anonymity.",
    },
    "rate_title": {"nl": "Respons per golf", "en": "Responses per wave"},
    "rate_help": {
        "nl": "Staven: hoeveel partners de vragenlijst invulden. Lijn: welk deel van de "
        "uitgenodigden dat is.",
        "en": "Bars: how many partners answered the questionnaire. Line: which share of those "
        "invited that is.",
    },
    "items_title": {"nl": "Stellingen achter het thema", "en": "Statements behind the theme"},
    "items_help": {
        "nl": "Wat men antwoordde (gemiddelde 1–5, deel (zeer) eens) en, apart, wat de stelling "
        "bijdraagt aan de score: bij een omgekeerde stelling telt eens als laag (6 − antwoord).",
        "en": "What people answered (mean 1–5, share (strongly) agreeing) and, apart, what the "
        "statement adds to the score: for a reversed statement agreeing counts low (6 − answer).",
    },
    "statement": {"nl": "Stelling", "en": "Statement"},
    "theme": {"nl": "Thema", "en": "Theme"},
    "notes_title": {"nl": "Notities op de tijdlijn", "en": "Timeline notes"},
    "notes_help": {
        "nl": "Een gebeurtenis die de cijfers kan verklaren (bijvoorbeeld 'reorganisatie "
        "thuiszorg'), met datum. De notitie verschijnt als lijn in de grafiek.",
        "en": "An event that may explain the figures (e.g. 'home care reorganisation'), with its "
        "date. The note shows as a line on the chart.",
    },
    "note_date": {"nl": "Datum", "en": "Date"},
    "note_text": {"nl": "Notitie", "en": "Note"},
    "note_add": {"nl": "Notitie toevoegen", "en": "Add note"},
    "note_added": {"nl": "Notitie toegevoegd.", "en": "Note added."},
    "note_invalid": {
        "nl": "Vul een datum en een korte tekst (hoogstens 200 tekens) in.",
        "en": "Fill in a date and a short text (at most 200 characters).",
    },
    "note_forbidden": {
        "nl": "U mag geen notities toevoegen aan dit netwerk.",
        "en": "You may not add notes to this network.",
    },
    "note_consortium": {
        "nl": "Notities horen bij één netwerk: kies eerst een netwerk.",
        "en": "Notes belong to one network: choose a network first.",
    },
    # --- Vergelijken -----------------------------------------------------------------------------
    "compare_intro": {
        "nl": "Twee of meer netwerken naast elkaar op elk meetpunt.",
        "en": "Two or more networks side by side on any measure.",
    },
    "compare_title": {"nl": "Netwerken naast elkaar", "en": "Networks side by side"},
    "compare_help": {
        "nl": "Elke lijn is een netwerk; de verticale streepjes zijn het 95%-"
        "betrouwbaarheidsinterval. Overlappen de streepjes van twee netwerken, dan is het "
        "verschil niet zeker.",
        "en": "Each line is a network; the vertical ticks are the 95% confidence interval. Where "
        "two networks' ticks overlap, the difference is uncertain.",
    },
    "compare_table": {"nl": "Cijfers per netwerk en golf", "en": "Figures per network and wave"},
    "choose_two": {
        "nl": "Kies twee of meer netwerken om te vergelijken.",
        "en": "Choose two or more networks to compare.",
    },
    # --- Projecten -------------------------------------------------------------------------------
    "projects_intro": {
        "nl": "De projecten van het consortium: hoe ze ervoor staan per netwerk, welke ambities "
        "en speerpunten ze dekken, en de SMART-doelen.",
        "en": "The consortium's projects: how they stand per network, which ambitions and "
        "speerpunten they cover, and the SMART goals.",
    },
    "project": {"nl": "Project", "en": "Project"},
    "all_networks": {"nl": "Alle netwerken", "en": "All networks"},
    "project_op_koers": {"nl": "op koers", "en": "on track"},
    "project_aandacht": {"nl": "aandacht", "en": "attention"},
    "project_vastgelopen": {"nl": "vastgelopen", "en": "stuck"},
    "project_afgerond": {"nl": "afgerond", "en": "done"},
    "stale": {"nl": "geen recente update", "en": "no recent update"},
    "status_matrix_title": {
        "nl": "Status per project en netwerk",
        "en": "Status per project and network",
    },
    "status_matrix_help": {
        "nl": "De laatste statusupdate per project en netwerk. 'geen recente update' betekent: al "
        "meer dan twee maanden geen update (het project telt nog onder zijn laatste status).",
        "en": "The latest status update per project and network. 'no recent update' means: no "
        "update for more than two months (the project still counts under its last status).",
    },
    "history_title": {"nl": "Geschiedenis van een project", "en": "History of a project"},
    "history_help": {
        "nl": "Elke stip is een maandelijkse update; kleur en vorm geven de status.",
        "en": "Each dot is a monthly update; colour and shape give the status.",
    },
    "no_updates": {"nl": "Nog geen statusupdates.", "en": "No status updates yet."},
    "coverage_title": {"nl": "Dekking per netwerk", "en": "Coverage per network"},
    "coverage_help": {
        "nl": "Welke ambities, speerpunten, kernthema's en actielijnen ten minste één lopend project "
        "in het netwerk dient. 'gat' betekent: geen enkel lopend project werkt hieraan.",
        "en": "Which ambitions, speerpunten, kernthema's and actielijnen at least one active "
        "project in the network serves. 'gap' means: no active project works on it.",
    },
    "covered": {"nl": "gedekt", "en": "covered"},
    "gap": {"nl": "gat", "en": "gap"},
    "kind": {"nl": "Soort", "en": "Kind"},
    "kind_ambition": {"nl": "Ambitie", "en": "Ambition"},
    "kind_speerpunt": {"nl": "Speerpunt", "en": "Speerpunt"},
    "kind_kernthema": {"nl": "Kernthema", "en": "Core theme"},
    "kind_actielijn": {"nl": "Actielijn", "en": "Action line"},
    "goals_title": {"nl": "SMART-doelen", "en": "SMART goals"},
    "goals_help": {
        "nl": "Voortgang = hoe ver het doel is gehaald sinds de nulmeting. De prognose trekt een "
        "rechte lijn door de metingen tot de deadline: 'haalbaar' als die het doel haalt.",
        "en": "Progress = how much of the goal has been achieved since the baseline. The forecast "
        "draws a straight line through the measurements to the deadline: 'achievable' if it "
        "reaches the target.",
    },
    "goal": {"nl": "Doel", "en": "Goal"},
    "latest_value": {"nl": "Laatste meting", "en": "Latest value"},
    "progress": {"nl": "Voortgang", "en": "Progress"},
    "deadline": {"nl": "Deadline", "en": "Deadline"},
    "forecast": {"nl": "Prognose", "en": "Forecast"},
    "measured": {"nl": "Gemeten", "en": "Measured"},
    "achievable": {"nl": "haalbaar", "en": "achievable"},
    "not_achievable": {"nl": "niet haalbaar", "en": "not achievable"},
    "unknown": {"nl": "onbekend", "en": "unknown"},
    "din_title": {"nl": "Doelen-Inspanningen-Netwerk", "en": "Goals-Efforts Network (DIN)"},
    "din_help": {
        "nl": "Van links naar rechts: projecten → SMART-doelen → resultaatdoelen → ambities → "
        "visie 2028. Rood met (!): een doel waar geen project aan werkt, of een project dat geen "
        "doel dient.",
        "en": "From left to right: projects → SMART goals → result goals → ambitions → 2028 "
        "vision. Red with (!): a goal no project works on, or a project that serves no goal.",
    },
    "din_layer_0": {"nl": "Projecten", "en": "Projects"},
    "din_layer_1": {"nl": "SMART-doelen", "en": "SMART goals"},
    "din_layer_2": {"nl": "Resultaatdoelen", "en": "Result goals"},
    "din_layer_3": {"nl": "Ambities", "en": "Ambitions"},
    "din_layer_4": {"nl": "Visie", "en": "Vision"},
    "din_gap": {"nl": "Gat in het netwerk", "en": "Gap in the network"},
    "din_linked": {"nl": "Verbonden", "en": "Linked"},
    "din_vision": {"nl": "Visie 2028", "en": "2028 vision"},
    "no_din": {"nl": "Nog geen doelen of projecten.", "en": "No goals or projects yet."},
    "din_gaps_goals": {
        "nl": "Doelen zonder project: {codes}",
        "en": "Goals without a project: {codes}",
    },
    "din_gaps_projects": {
        "nl": "Projecten zonder doel: {codes}",
        "en": "Projects without a goal: {codes}",
    },
    "no_projects": {
        "nl": "Nog geen projecten. Coördinatoren voegen statusupdates toe via het formulier.",
        "en": "No projects yet. Coordinators add status updates through the form.",
    },
    # --- Kwaliteit -------------------------------------------------------------------------------
    "quality_intro": {
        "nl": "Hoe betrouwbaar zijn de cijfers? Respons, interne consistentie van de thema's en "
        "hoe vers de gegevens zijn.",
        "en": "How reliable are the figures? Response, internal consistency of the themes and how "
        "fresh the data are.",
    },
    "rates_title": {"nl": "Respons per netwerk en golf", "en": "Responses per network and wave"},
    "rates_help": {
        "nl": "Het aantal ingevulde vragenlijsten en het deel van de uitgenodigden dat is. Een "
        "lage respons maakt de cijfers minder zeker.",
        "en": "The number of questionnaires answered and the share of those invited. A low "
        "response makes the figures less certain.",
    },
    "invited_unknown": {"nl": "uitgenodigden onbekend", "en": "invited unknown"},
    "alpha_title": {"nl": "Cronbachs alfa per thema", "en": "Cronbach's alpha per theme"},
    "alpha_help": {
        "nl": "Meten de stellingen van een thema samen hetzelfde? Vanaf 0,7 is dat voldoende, "
        "onder 0,6 zwak. Een × betekent te weinig respondenten die alle stellingen invulden.",
        "en": "Do a theme's statements measure the same thing together? From 0.7 that is "
        "sufficient, below 0.6 weak. A × means too few respondents answered every statement.",
    },
    "suppression_title": {"nl": "Verborgen cijfers", "en": "Hidden figures"},
    "suppression_help": {
        "nl": "Per netwerk het aantal cijfers van deze golf: getoond, verborgen omdat er te "
        "weinig respondenten waren, en extra verborgen zodat niemand een verborgen cijfer kan "
        "terugrekenen.",
        "en": "Per network the number of figures of this wave: shown, hidden because there were "
        "too few respondents, and also hidden so that nobody can work a hidden figure out.",
    },
    "suppression_rule": {
        "nl": "Een cijfer over minder dan {threshold} respondenten tonen we nooit. Maar een "
        "verborgen cijfer is soms terug te rekenen: het totaal min de getoonde delen. Daarom: is "
        "in een netwerk precies één groep verborgen, dan verbergen we ook de kleinste andere groep "
        "van dat netwerk. En is bij een groep precies één netwerk verborgen, dan verbergen we ook "
        "het kleinste andere netwerk. Dat herhalen we tot er niets meer verandert, want een extra "
        "verborgen cijfer kan in een andere rij of kolom weer het enige verborgen cijfer zijn.",
        "en": "A figure about fewer than {threshold} respondents is never shown. But a hidden "
        "figure can sometimes be worked out: the total minus the parts shown. So: if exactly one "
        "group of a network is hidden, the smallest other group of that network is hidden too. "
        "And if exactly one network of a group is hidden, the smallest other network is hidden "
        "too. This is repeated until nothing changes, because a figure hidden in this way can be "
        "the only hidden figure of another row or column.",
    },
    "suppression_example": {
        "nl": "Voorbeeld (grens 5): netwerk A heeft groepen van 3, 20 en 30 respondenten, B van "
        "6, 9 en 50, C van 8, 7 en 40. A-groep 1 (3) is te klein. Dus verbergen we ook A-groep 2, "
        "anders is A-groep 1 = 53 − 20 − 30. In groep 1 is nu alleen A verborgen: ook B-groep 1 "
        "(6, de kleinste) gaat weg. In groep 2 om dezelfde reden C-groep 2 (7). Nu is B-groep 1 "
        "het enige verborgen cijfer van netwerk B: ook B-groep 2 gaat weg. Zo ook C-groep 1 in "
        "netwerk C. Daarna heeft elke rij en kolom geen of minstens twee verborgen cijfers, en "
        "valt er niets meer terug te rekenen.",
        "en": "Example (limit 5): network A has groups of 3, 20 and 30 respondents, B of 6, 9 and "
        "50, C of 8, 7 and 40. A group 1 (3) is too small. So A group 2 is hidden too, or else A "
        "group 1 = 53 − 20 − 30. In group 1 only A is hidden now: B group 1 (6, the smallest) "
        "goes too. In group 2, for the same reason, C group 2 (7). Now B group 1 is the only "
        "hidden figure of network B: B group 2 goes too. Likewise C group 1 in network C. Then "
        "every row and column has no or at least two hidden figures, and nothing can be worked "
        "out any more.",
    },
    "supp_shown": {"nl": "Getoond", "en": "Shown"},
    "supp_threshold": {
        "nl": "Verborgen: te weinig respondenten",
        "en": "Hidden: too few respondents",
    },
    "supp_complement": {
        "nl": "Verborgen: tegen terugrekenen",
        "en": "Hidden: against working out",
    },
    "freshness_title": {"nl": "Versheid van de gegevens", "en": "Freshness of the data"},
    "freshness_help": {
        "nl": "Per netwerk de datum van de laatste ingevulde vragenlijst en de laatste "
        "projectupdate; per bron de laatste keer dat gegevens zijn opgehaald.",
        "en": "Per network the date of the latest questionnaire and the latest project update; "
        "per source the last time data were collected.",
    },
    "latest_response": {"nl": "Laatste vragenlijst", "en": "Latest questionnaire"},
    "latest_update": {"nl": "Laatste projectupdate", "en": "Latest project update"},
    "days_ago": {"nl": "{days} dagen geleden", "en": "{days} days ago"},
    "source": {"nl": "Bron", "en": "Source"},
    "last_run": {"nl": "Laatste run", "en": "Last run"},
    "last_ok": {"nl": "Laatste geslaagde run", "en": "Last successful run"},
    "run_status": {"nl": "Status laatste run", "en": "Status of last run"},
    "runs": {"nl": "Runs", "en": "Runs"},
    "run_ok": {"nl": "geslaagd", "en": "succeeded"},
    "run_failed": {"nl": "mislukt", "en": "failed"},
    "run_running": {"nl": "bezig", "en": "running"},
    "no_runs": {"nl": "Nog geen gegevens opgehaald.", "en": "No data collected yet."},
    "alpha": {"nl": "Alfa", "en": "Alpha"},
}


def t(key: str, lang: str, **values: object) -> str:
    text = TEXTS[key][lang if lang in LANGUAGES else "nl"]
    return text.format(**values) if values else text


def language(value: str | None) -> str:
    return value if value in LANGUAGES else "nl"
