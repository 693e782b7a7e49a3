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

# The promise cache's folder (load/promise_cache.py), refused; the command runs without it.
CACHE_NOT_ABSOLUTE = (
    "LOFTE_CACHE='{value}' används inte: ange en absolut sökväg till en mapp utanför repot, "
    "eller {off} för att stänga av cachen. Kör utan cache."
)
CACHE_INSIDE_REPO = (
    "Cachemappen {folder} (från {what}) ligger i repot {root} och används inte: det som "
    "ligger i repot ska inte kunna ändra hur löftesfilerna läses. Kör utan cache."
)

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
    # Warnings: never fail a check
    "W001": (W, "Ser ut som ett {kind} i '{name}': personuppgifter hör inte hemma i loggen."),
    "W002": (W, "Cellen i '{name}' börjar med '{char}' och kan tolkas som formel i Excel."),
    "W003": (W, "Raden är en exakt kopia av rad {first_line}."),
    "W004": (W, "Rader som inte kunde läsas lämnades utanför: {count} st. Kör 'lofte check'."),
    # `lofte check --strikt`: the data is valid, but a promise is not keeping pace
    "S001": (W, "Löftet '{id}' ligger efter plan per {per}: {detail}."),
    "S002": (W, "Löftet '{id}' är inte uppfyllt per {per}: {detail}."),
}
