"""Swedish words: every label and message a user reads lives here, so they read as one voice.

`MESSAGES` is the catalogue of problem codes: code -> (severity, message template). The
codes are stable; docs/felkoder.md documents each with an example.
"""

from __future__ import annotations

STATUS_LABELS: dict[str, str] = {
    "met": "Uppfyllt",
    "on_track": "I fas",
    "behind": "Efter plan",
    "missed": "Ej uppfyllt",
    "ongoing": "Pågår",
    "not_started": "Ej påbörjat",
}

STATUS_SYMBOLS: dict[str, str] = {
    "met": "✔",
    "on_track": "●",
    "behind": "▲",
    "missed": "✘",
    "ongoing": "↻",
    "not_started": "○",
}


# "51 av 52 veckor": a count of calendar units.
UNIT_PLURALS: dict[str, str] = {
    "dygn": "dygn",
    "vecka": "veckor",
    "månad": "månader",
    "kvartal": "kvartal",
    "tertial": "tertial",
    "halvår": "halvår",
    "år": "år",
}

# Why a log row of a promise's typ did not count (`lofte status PERIOD ID`).
REASON_TEXTS: dict[str, str] = {
    "participants": "ingen av deltagarna {participants} var med",
    "tags": "saknar taggen {tags}",
    "after_as_of": "efter per-datumet {as_of}",
    "outside_period": "utanför perioden {start}–{end}",
    "future": "i framtiden (idag är {today})",
    "invalid": "ogiltig rad: {message}",
}

# How an indicator moved from its baseline (`trend` in the JSON).
TREND_LABELS: dict[str, str] = {
    "improved": "förbättrad",
    "worsened": "försämrad",
    "unchanged": "oförändrad",
    "no_data": "ingen mätning",
}

TREND_SYMBOLS: dict[str, str] = {
    "improved": "✔",
    "worsened": "✘",
    "unchanged": "=",
    "no_data": "○",
}

DIRECTION_WORDS: dict[str, str] = {"minska": "ska minska", "öka": "ska öka"}

# Kolada's gender codes (`--kon`) in words.
GENDER_WORDS: dict[str, str] = {"T": "totalt", "K": "kvinnor", "M": "män"}

# Indicators and measurements: refusals and output of `lofte log matning`, the detail view
# and the measurements file.
INDICATOR_TEXTS: dict[str, str] = {
    "unknown": (
        "Okänd indikator '{id}' i perioden {period}.{hint} Kända indikatorer: {known}.{after}"
    ),
    "none_declared": (
        "Perioden {period} har inga indikatorer: lägg till 'indikatorer' under ett område i "
        "{path}.{after}"
    ),
    "none_known": "inga (lägg till indikatorer i löftesfilen)",
    "unknown_id": (
        "Okänt löfte eller indikator '{id}' i perioden {period}.{hint} Kända löften: {promises}."
        " Kända indikatorer: {indicators}."
    ),
    "several_kommuner": "Indikatorn finns för flera kommuner ({names}): ange --kommun.",
    "no_promise_files": "Repot har inga läsbara löftesfiler under promises/.",
    "not_a_number": "Värdet '{got}' är inget tal. Skriv till exempel 43 eller 12,5. Inget skrevs.",
    "future": "Datumet {day} ligger i framtiden (idag är {today}). Inget skrevs.",
    "missing_column": (
        "{rel}:1: rubrikraden saknar kolumnen {names}, så värdet skulle försvinna. "
        "Lägg till kolumnen i rubrikraden. Inget skrevs."
    ),
    "refused": "Mätfilen {rel} läses inte.",
    "unreadable": "Mätfilen {rel} kan inte läsas.",
    "unreadable_for_writing": "Mätfilen {rel} kan inte läsas; inget skrevs.",
    "link_out_for_writing": "{rel} pekar utanför repot; inget skrevs.",
    "link_out": "länken pekar utanför repot",
    "saved": "Sparad: {rel}:{line}",
    "standing": "{name}: senaste {latest}, utgångsläge {baseline}, förändring {change} – {trend}.",
}

# `lofte import kolada`: what is wrong with a file, and what an import did.
KOLADA_TEXTS: dict[str, str] = {
    "not_kolada": (
        "{name} är inget sparat svar från Koladas API v2 ({why}). Spara svaret från "
        "https://api.kolada.se/v2/data/kpi/<nyckeltal>/municipality/<kommunkod> som JSON. "
        "Inget skrevs."
    ),
    "bad_json": "ogiltig JSON: {detail}",
    "json_constant": "{name} är inget tal i JSON",
    "no_values": "listan 'values' saknas på översta nivån",
    "entry_not_object": "post {index} i 'values' är inget objekt",
    "entry_no_ids": "post {index} i 'values' saknar 'kpi' eller 'municipality' som text",
    "entry_no_period": "post {index} i 'values' har ingen period (ett årtal)",
    "entry_no_list": "post {index} i 'values' saknar listan 'values'",
    "entry_bad_gender": "post {index} i 'values' har ett värde utan 'gender' T, K eller M",
    "entry_bad_value": "post {index} i 'values' har ett värde som inte är ett tal",
    "too_big": "filen är större än 50 MB",
    "not_utf8": "filen är inte UTF-8",
    "missing_file": "Filen {name} finns inte (eller är ingen vanlig fil). Inget skrevs.",
    "unreadable": "Filen {name} kan inte läsas: {detail}. Inget skrevs.",
    "no_code": (
        'Kommunens kod i Kolada saknas: skriv till exempel kolada: "2514" överst i {path}, '
        "eller ange --kommunkod. Inget skrevs."
    ),
    "bad_gender": "--kon ska vara T, K eller M, inte '{got}'.",
    "no_rows_for_gender": (
        "{name}: inga värden för kön {gender} (filen har {genders}). Inget skrevs."
    ),
    "no_rows_for_code": (
        "{name}: inga värden för kommunkod {code} (filen har {codes}). Inget skrevs."
    ),
    "several_kpis": (
        "{name} har flera nyckeltal ({kpis}); en import gäller en indikator. "
        "Spara ett nyckeltal per fil. Inget skrevs."
    ),
    "source": "Kolada {kpi}, {gender}",
    "read": "Inläst i {rel} från rad {line}: {count} ({years}).",
    "one_value": "1 värde",
    "values": "{count} värden",
    "already": "Fanns redan: {years}.",
    "nulls": "Inget värde i Kolada (null), hoppades över: {years}.",
    "future": "Årets slut har inte kommit, hoppades över: {years}.",
    "outside": "Utanför perioden ({periods}), hoppades över: {years}.",
    "summary": "Kommunkod {code}, {gender}: {news}.",
    "one_new": "1 ny mätning",
    "new": "{count} nya mätningar",
    "none_new": "inga nya mätningar",
}

E = "fel"
W = "varning"

MESSAGES: dict[str, tuple[str, str]] = {
    # Promise files
    "E001": (E, "YAML-syntaxfel: {detail}."),
    "E002": (E, "Filen kan inte läsas: {detail}."),
    "E003": (E, "Okänd nyckel '{key}' i {where}."),
    "E004": (E, "Nyckeln '{key}' står med båda stavningarna ('{first}' och '{second}')."),
    "E005": (E, "Nyckeln '{key}' saknas i {where}."),
    "E006": (E, "'{key}' ska vara {expected}, inte {got}."),
    "E007": (E, "Ogiltig period: {detail}."),
    "E008": (E, "Löftes-id '{id}' finns redan på rad {first_line}."),
    "E009": (E, "Aktivitetstypen '{slug}' är inte deklarerad under aktivitetstyper."),
    "E010": (E, "Deltagaren '{slug}' är inte deklarerad under deltagare."),
    "E011": (E, "'minst' ska vara ett positivt heltal, inte {got}."),
    "E012": (E, "Okänd enhet per: '{got}'. Tillåtna: {allowed}."),
    "E013": (E, "Perioden {period} överlappar {other} för samma kommun."),
    "E014": (E, "YAML-{what} är inte tillåtna i en löftesfil ({detail})."),
    "E015": (E, "Ett mål med 'löpande: true' kan inte också ha 'minst'."),
    "E016": (E, "Ett mål behöver 'minst' eller 'löpande: true'."),
    "E017": (E, "Ogiltig slug '{slug}': {detail}."),
    "E018": (E, "Ogiltigt datum '{got}' för '{key}': skriv ÅÅÅÅ-MM-DD."),
    "E019": (E, "Filen är inte UTF-8{detail}. Spara den som UTF-8 i textredigeraren."),
    # Activity logs
    "E020": (E, "Rubrikraden saknar kolumnen '{name}'."),
    "E021": (E, "Ogiltigt datum '{got}'{detail}: skriv ÅÅÅÅ-MM-DD, till exempel 2019-06-05."),
    "E022": (E, "Datumet {date} ligger utanför perioden {period} ({start}–{end})."),
    "E023": (E, "Datumet {date} ligger i framtiden (idag är {today})."),
    "E024": (E, "Okänd aktivitetstyp '{slug}'. Kända typer: {known}."),
    "E025": (E, "Ogiltigt antal '{got}': skriv ett positivt heltal{detail}."),
    "E026": (E, "Sista raden är avbruten (saknar radslut och har fel antal fält): {detail}."),
    "E027": (E, "Filen är inte UTF-8{detail}. Spara den som CSV UTF-8 (i Excel: 'CSV UTF-8')."),
    "E028": (E, "Okänd deltagare '{slug}'. Kända deltagare: {known}."),
    "E029": (E, "Raden har {got} fält men rubrikraden har {expected}."),
    "E030": (E, "Raderna från {rev} ska stå kvar oförändrade först i loggen, men {detail}."),
    "E031": (E, "Loggen saknar löftesfil: förväntade {expected}."),
    "E032": (E, "Typen saknas på raden."),
    "E033": (E, "Raden kan inte läsas som CSV: {detail}."),
    "E034": (
        E,
        "Raden är avbruten: skrivningen avbröts innan raden var klar, och nästa 'lofte log' "
        "stängde den med '{mark}' sist. Ta bort raden, eller gör klart den och ta bort '{mark}'.",
    ),
    # Comment files (logs/<period>.kommentarer.csv)
    "E040": (E, "Okänt löfte '{id}' i kommentaren. Kända löften: {known}."),
    "E041": (E, "Kommentaren är tom."),
    # Indicators (promise files) and their measurements (logs/<period>.matningar.csv)
    "E080": (E, "Okänd indikator '{id}' i mätningen. Kända indikatorer: {known}."),
    "E081": (E, "Ogiltigt värde '{got}': skriv ett tal, till exempel 43 eller 12,5."),
    "E082": (
        E,
        "Id:t '{id}' används redan av {what} på rad {first_line}: "
        "löften och indikatorer behöver olika id.",
    ),
    "E083": (E, "'riktning' ska vara minska eller öka, inte '{got}'."),
    "E084": (E, "'{key}' ska vara ett tal (till exempel 43 eller 12,5), inte {got}."),
    "E085": (
        E,
        "'kolada' ska vara kommunens kod i Kolada med fyra siffror inom citattecken "
        '(till exempel "2514"), inte {got}.',
    ),
    "E086": (
        E,
        "Källan '{got}' ser ut som en webbadress men börjar inte med https://: "
        "skriv en https-adress eller en vanlig text.",
    ),
    "E087": (E, "Indikatorn saknas på raden."),
    # Warnings: never fail a check
    "W001": (W, "Ser ut som ett {kind} i '{name}': personuppgifter hör inte hemma i loggen."),
    "W002": (W, "Cellen i '{name}' börjar med '{char}' och kan tolkas som formel i Excel."),
    "W003": (W, "Raden är en exakt kopia av rad {first_line}."),
    "W004": (W, "Rader som inte kunde läsas lämnades utanför: {count} st. Kör 'lofte check'."),
    # `lofte check --strikt`: the data is valid, but a promise is not keeping pace
    "S001": (W, "Löftet '{id}' ligger efter plan per {per}: {detail}."),
    "S002": (W, "Löftet '{id}' är inte uppfyllt per {per}: {detail}."),
}
