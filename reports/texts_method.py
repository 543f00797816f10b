"""The report's method chapter: every measure described as docs/measures.md describes it, in
Dutch (the report's language) with English available. Keep the two in step with that page: a
rule that changes there changes here. {threshold}, {on_track}, {attention} and {stale_days}
are filled from the framework's settings. The PDF fonts lack signs such as ≥ and −: the words
below avoid them."""

from __future__ import annotations

# (heading, text) per measure, in the order of docs/measures.md.
MEASURES: dict[str, list[tuple[str, str]]] = {
    "nl": [
        (
            "Uitspraken en antwoorden",
            "Een uitspraak (item) hoort bij één thema en is gekoppeld aan visie-elementen en "
            "speerpunten. Antwoorden lopen van 1 tot 5; 'niet van toepassing', 'weet niet' en leeg "
            "tellen nergens mee, nooit als 0 of 3. Een negatief geformuleerde uitspraak telt als "
            "6 min het antwoord. Itemscore: over de respondenten met een geldig antwoord het aantal "
            "(n), het gemiddelde, de standaardafwijking, het 95%-betrouwbaarheidsinterval, de score "
            "op 0-100 en het aandeel positief (antwoord 4 of 5).",
        ),
        (
            "Themascore",
            "Per respondent het gemiddelde van zijn geldige antwoorden op de uitspraken van het "
            "thema, alleen als hij minstens de helft daarvan beantwoordde. Per netwerk en meting: "
            "n, gemiddelde, standaardafwijking (n - 1), 95%-betrouwbaarheidsinterval (gemiddelde "
            "plus of min t(0,975; n - 1) maal sd gedeeld door de wortel van n; geen bij n kleiner "
            "dan 2), het aandeel respondenten met een themascore van 4,0 of hoger, en de score op "
            "0-100 = (gemiddelde - 1) / 4 x 100.",
        ),
        (
            "Visie-element",
            "Als een themascore, met de uitspraken die aan het element gekoppeld zijn; een uitspraak "
            "die aan twee elementen gekoppeld is, telt bij beide.",
        ),
        (
            "Samenwerkingsindex",
            "Per respondent het gemiddelde van zijn themascores op 0-100, alleen als hij scores "
            "heeft op minstens de helft van de thema's. Per netwerk: n, gemiddelde, sd en "
            "95%-interval als bij een thema; het aandeel positief is het aandeel respondenten met "
            "een index van 75 of hoger.",
        ),
        (
            "Consortium",
            "Dezelfde regels over alle respondenten van alle netwerken samen: nooit een gemiddelde "
            "van de gemiddelden van de netwerken.",
        ),
        (
            "Eensgezindheid",
            "Per netwerk, meting en thema de interkwartielafstand van de themascores van de "
            "respondenten; 1,0 of minder heet 'eensgezind', meer heet 'verdeeld'.",
        ),
        (
            "Verandering",
            "Tussen een meting en de vorige meting van hetzelfde netwerk met gegevens: het verschil "
            "(later min eerder gemiddelde) en de p-waarde van Welch' t-toets; 'significant' bij p "
            "kleiner dan 0,05. Niet getoond als een van beide kanten verborgen is.",
        ),
        (
            "Betrouwbaarheid",
            "Cronbachs alfa per thema, per netwerk en meting en voor het consortium, over de "
            "respondenten die alle uitspraken van het thema beantwoordden, als dat er minstens "
            "{threshold} zijn en het thema minstens 2 uitspraken heeft.",
        ),
        (
            "Respons",
            "Per netwerk en meting: het aantal ingevulde vragenlijsten gedeeld door het aantal "
            "uitgenodigden uit de configuratie van de meting of de enquêtetool; onbekend als dat "
            "aantal niet gegeven is.",
        ),
        (
            "Privacy en verborgen cijfers",
            "Een uitkomst van minder dan {threshold} respondenten wordt niet getoond ('te weinig "
            "respondenten'): n en alle cijfers verlaten de server niet, ook niet in dit rapport of "
            "de bijlage. Complementregel: een getoond totaal min getoonde delen mag geen verborgen "
            "deel verraden. Binnen een netwerk: is precies één respondentgroep verborgen en het "
            "netwerktotaal getoond, dan wordt ook de getoonde groep met de kleinste n verborgen; "
            "binnen het consortium: is precies één netwerk verborgen en het consortium getoond, dan "
            "ook het getoonde netwerk met de kleinste n. Beide regels worden herhaald tot er niets "
            "meer verandert.",
        ),
        (
            "Doelen en de weg naar 2028",
            "Elk meetpunt kan een doel hebben met een doeldatum (standaard 31-12-2028), voor het "
            "consortium en eventueel per netwerk. Nulmeting = de waarde van het netwerk bij zijn "
            "eerste meting met een getoonde waarde. Verwachte waarde op een datum op de rechte weg: "
            "nulmeting + (doel - nulmeting) x (verstreken tijd / tijd tot de doeldatum). Status bij "
            "de laatste meting met een getoonde waarde: 'bereikt' als de waarde het doel haalt; 'op "
            "koers' als de waarde hooguit {on_track}% van de schaal onder de verwachte waarde ligt "
            "(2,5 punt op 0-100); 'aandacht' tot {attention}% eronder; anders 'achter'. Voor een "
            "meetpunt waarbij lager beter is, gelden de vergelijkingen andersom.",
        ),
        (
            "Speerpunten en ambities",
            "De score van een speerpunt wordt berekend zoals die van een visie-element, over de "
            "uitspraken die aan het speerpunt gekoppeld zijn. Het kader koppelt elke ambitie aan "
            "speerpunten; haar score telt de uitspraken van die speerpunten, elke uitspraak één "
            "keer. Een uitspraak telt mee voor elk speerpunt en elke ambitie waaraan ze gekoppeld "
            "is. Bij een ambitie staan ook de status van de gekoppelde thema's en visie-elementen "
            "voor het consortium, de projecten die eraan werken en de SMART-doelen onder haar "
            "resultaatdoelen.",
        ),
        (
            "Projecten",
            "De status van een project in een netwerk is die van de laatste ingediende "
            "statusupdate. Een project is actief tot die status 'afgerond' is, en verouderd als de "
            "laatste update meer dan {stale_days} dagen voor de peildatum ligt; een verouderd "
            "project telt nog onder zijn laatste status. Dekking: per netwerk welke ambities, "
            "speerpunten, kernthema's en actielijnen minstens één actief project dient; de gaten "
            "worden getoond.",
        ),
        (
            "SMART-doelen",
            "Nulmeting en doel (waarde en deadline) zijn vastgelegd; voortgang = (laatste - "
            "nulmeting) / (doel - nulmeting) als percentage. Prognose: de kleinste-kwadratenlijn "
            "door de nulmeting en de gemeten punten (minstens 2 punten), op de deadline; 'haalbaar' "
            "als de prognose het doel haalt. Gemist: de deadline is voorbij en de laatste waarde "
            "haalt het doel niet.",
        ),
        (
            "Partnernetwerk: banden",
            "Een netwerkvragenlijst vraagt elke partnerorganisatie over elke andere partner op de "
            "lijst van het netwerk: werkten we de afgelopen 12 maanden samen (nooit, een paar keer, "
            "maandelijks, wekelijks), waaraan, en waar we samenwerkten drie uitspraken over "
            "vertrouwen en drie over meerwaarde (1-4). Eén persoon antwoordt namens één organisatie. "
            "Een melding A over B bestaat als A minstens 'een paar keer' antwoordt; de band {{A, B}} "
            "bestaat als A of B de ander meldt.",
        ),
        (
            "Partnernetwerk: kengetallen",
            "Dichtheid = banden / (n x (n - 1) / 2), n = partners op de lijst van die meting "
            "(antwoordend of niet). Centralisatie (Freeman) = som van (hoogste graad - graad) / "
            "((n - 1)(n - 2)); geen bij n kleiner dan 3. Wederkerigheid = aandeel banden dat beide "
            "kanten meldden, onder de banden waarvan beide kanten de vragenlijst invulden. Aandeel "
            "banden tussen sectoren = banden tussen verschillende sectoren / alle banden; dichtheid "
            "tussen sectoren = die banden / paren partners uit verschillende sectoren. Partners "
            "zonder band: partners op de lijst zonder enige band. Nieuwe en verdwenen banden en de "
            "verschillen van de andere kengetallen worden vergeleken met de vorige meting.",
        ),
        (
            "Partnernetwerk: vertrouwen en meerwaarde",
            "Vertrouwen van een melding = het gemiddelde van de drie uitspraken over vertrouwen; "
            "meerwaarde net zo. Vertrouwen en meerwaarde van het netwerk = het gemiddelde over alle "
            "meldingen die ze hebben, verborgen bij minder dan {threshold} beoordelende "
            "organisaties. Per organisatie worden ze ook berekend, maar alleen het netwerk zelf ziet "
            "ze in het dashboard: dit rapport en de bijlage bevatten ze niet.",
        ),
    ],
    "en": [
        (
            "Statements and answers",
            "An item belongs to one theme and links to vision elements and speerpunten. Answers "
            "run from 1 to 5; 'not applicable', 'don't know' and empty count nowhere, never as 0 "
            "or 3. A reverse-coded item counts as 6 minus the answer. Item score: over respondents "
            "with a valid answer n, mean, sd, 95% CI, the 0-100 score and the share positive (4 "
            "or 5).",
        ),
        (
            "Theme score",
            "Per respondent the mean of the valid answers on the theme's items, only when at least "
            "half were answered. Per network and wave: n, mean, sd (n - 1), 95% CI (mean plus or "
            "minus t(0.975, n - 1) times sd over the root of n; none when n is below 2), the share "
            "with a theme score of 4.0 or more, and score_100 = (mean - 1) / 4 x 100.",
        ),
        (
            "Vision element",
            "As a theme score, with the items linked to the element; an item linked to two "
            "elements counts in both.",
        ),
        (
            "Collaboration index",
            "Per respondent the mean of the theme scores on 0-100, only with scores on at least "
            "half of the themes; the share positive is the share with an index of 75 or more.",
        ),
        (
            "Consortium",
            "The same rules over all respondents of all networks pooled, never a mean "
            "of the networks' means.",
        ),
        (
            "Agreement",
            "Per network, wave and theme the interquartile range of respondent theme scores; 1.0 "
            "or less is 'agreement', more is 'split'.",
        ),
        (
            "Change",
            "Between a wave and the same network's previous wave with data: the difference of "
            "means and Welch's t-test p-value; 'significant' when p is below 0.05. Not shown when "
            "either side is suppressed.",
        ),
        (
            "Reliability",
            "Cronbach's alpha per theme over respondents who answered every item of the theme, "
            "when there are at least {threshold} of them and the theme has at least 2 items.",
        ),
        (
            "Response rate",
            "Responses divided by the invited count of the wave's configuration or "
            "the survey tool; unknown when not given.",
        ),
        (
            "Privacy and hidden figures",
            "An outcome of fewer than {threshold} respondents is not shown ('too few "
            "respondents'). Complement rule: a published total minus published parts must not "
            "reveal a hidden part; within a network and within the consortium the published part "
            "with the smallest n is hidden too, repeatedly until nothing changes.",
        ),
        (
            "Targets and the road to 2028",
            "Baseline = the network's value at its first wave with a shown value. Expected value "
            "on the straight road: baseline + (target - baseline) x (time passed / time to the "
            "target date). Status at the latest wave with a shown value: reached when the value "
            "meets the target; on track when at most {on_track}% of the scale below the expected "
            "value; attention down to {attention}%; otherwise behind. Mirrored when lower is "
            "better.",
        ),
        (
            "Speerpunten and ambitions",
            "A speerpunt is scored as a vision element, over the items linked to it. The framework "
            "links each ambition to speerpunten; its score counts the items of those speerpunten, "
            "each item once. An item counts towards every speerpunt and ambition it is linked to. "
            "An ambition also shows the consortium status of its linked themes and vision "
            "elements, the projects working on it and the SMART goals under it.",
        ),
        (
            "Projects",
            "A project's status in a network is that of its latest submitted update; active until "
            "done, stale when the latest update is more than {stale_days} days before the "
            "reference date. Coverage: which ambitions, speerpunten, kernthema's and actielijnen "
            "at least one active project serves in each network; gaps are shown.",
        ),
        (
            "SMART goals",
            "Progress = (latest - baseline) / (target - baseline) as a percentage. Forecast: the "
            "least-squares line through the baseline and the measured points (at least 2), at the "
            "deadline; achievable when it meets the target. Missed: the deadline passed without "
            "the target.",
        ),
        (
            "Partner network: ties",
            "Each partner organisation answers, about every other listed partner, whether they "
            "worked together in the last 12 months, on what, and (where they did) three trust and "
            "three value statements (1-4). A report A about B exists when A answers at least 'a "
            "few times'; the tie {{A, B}} exists when either side reports it.",
        ),
        (
            "Partner network: figures",
            "Density = ties / (n(n - 1)/2), n = listed partners. Centralization (Freeman) = sum of "
            "(highest degree - degree) / ((n - 1)(n - 2)). Reciprocity = share of ties reported by "
            "both among ties whose ends both answered. Cross-sector share = ties between sectors / "
            "ties; cross-sector density = those ties / pairs in different sectors. Isolates, new "
            "and lost ties and the other differences compare with the previous wave.",
        ),
        (
            "Partner network: trust and value",
            "Trust of a report = mean of its three trust statements; value likewise. Network trust "
            "and value = mean over all reports that have them, hidden under {threshold} rating "
            "organisations. Per organisation they are shown to the network itself on the "
            "dashboard only: neither this report nor its annex holds them.",
        ),
    ],
}
