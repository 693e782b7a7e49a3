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

# --- Publishing: `lofte historik`, `lofte webb`, `lofte rapport --fragment` ----------------

# What changed in a promise between two versions of its file (`lofte historik`).
HISTORY_HEADING = "Ändringar i löftet"
HISTORY_BY = "av"
HISTORY_COMMIT = "version"
HISTORY_ADDED = "löftet lades till"
HISTORY_REMOVED = "löftet togs bort"
HISTORY_TEXT_CHANGED = "texten ändrad"
HISTORY_RUBRIK_CHANGED = "rubriken ändrad: {old} → {new}"
HISTORY_FIELD_CHANGED = "{field} {old} → {new}"
HISTORY_LOWERED = " (sänkt)"
HISTORY_NONE = "(inga)"
HISTORY_YES_NO = {True: "ja", False: "nej"}
HISTORY_NO_CHANGES = (
    "Inga ändringar av löftenas mål, text eller rubrik i git-historiken för {path}."
)
HISTORY_TITLE = "Ändringar i {path} ({kommun}, {period}) enligt git, äldst först:"
HISTORY_UNREADABLE = "{count} version(er) av {path} i git kunde inte läsas och hoppades över."
NOT_A_GIT_REPO = (
    "{root} ligger inte i ett git-repo, så det finns ingen historik att visa. "
    "Historiken kommer från git: skapa repot med 'git init' och checka in löftesfilerna."
)
GIT_MISSING = "Programmet git hittades inte; historiken kommer från git. Installera git."
GIT_FAILED = "git kunde inte läsa historiken för {path}: {detail}"
UNKNOWN_PROMISE_IN_HISTORY = (
    "Okänt löfte '{id}': det finns varken i perioden {period} eller i dess historik. "
    "Löften: {known}."
)

# `lofte webb`.
SITE_NAV_LABEL = "Webbplatsen"
SITE_HOME_LINK = "Alla kommuner och perioder"
SITE_JSON_LINK = "Öppna data: JSON"
SITE_CSV_LINK = "Öppna data: CSV (Excel)"
SITE_TITLE = "Uppföljning av medborgarlöften"
SITE_MARKER_TEXT = (
    "Den här katalogen skrevs av 'lofte webb'. Nästa körning skriver om filerna nedan och "
    "tar bort dem som inte längre behövs; andra filer lämnas orörda.\n"
)
SITE_WROTE = "Skrev webbplatsen till {path}: {pages} sidor, {data} datafiler."
SITE_INTO_REPO_DATA = (
    "-o {path}: webbplatsen skrivs aldrig i eller över {folder} (löftena och loggarna). "
    "Inget skrevs. Välj en annan katalog, till exempel _site."
)
SITE_OVER_REPO = (
    "-o {path}: katalogen innehåller repots promises/ och logs/. Inget skrevs. Välj en "
    "egen katalog för webbplatsen, till exempel _site."
)
SITE_NOT_OURS = (
    "-o {path}: katalogen är inte tom och skrevs inte av 'lofte webb' (filen {marker} saknas). "
    "Inget skrevs. Välj en tom katalog, eller skriv i den ändå med --skriv-over."
)
SITE_NOT_A_DIR = "-o {path}: finns redan och är ingen katalog. Inget skrevs."
SITE_OUTSIDE = "-o {path}: {rel} pekar ut ur katalogen (en länk?). Inget skrevs."
SITE_WRITE_FAILED = "Kunde inte skriva {path}: {detail}."
SITE_BROKEN_PROMISES = (
    "Löftesfilen {path} har fel; rätta dem först (se 'lofte check'). Inget skrevs."
)
SITE_NO_PROMISES = "Repot har inga läsbara löftesfiler under promises/."
REPORT_HTML_ONLY = "--fragment och --historik finns bara för html: ta bort -f markdown."

# How the README and workflow that `lofte init` writes install lofte (the version that wrote
# them, from where it was installed).
INSTALL_NOTE_INDEX = (
    "Raden installerar lofte {version}, samma version som skrev filen, från Pythons "
    "paketindex. Finns lofte inte där, byt raden mot adressen ni installerar från (se "
    "README.md, Installera lofte)."
)
INSTALL_NOTE_GIT = (
    "Raden installerar lofte {version} från samma git-repo och incheckning som skrev filen. "
    "För en nyare version: byt incheckningen efter @ mot en nyare (eller en tagg)."
)
INSTALL_NOTE_URL = (
    "Raden installerar lofte {version} från samma adress som skrev filen. För en nyare "
    "version: byt adressen mot den nya versionens."
)
INSTALL_NOTE_LOCAL = (
    "OBS: lofte {version} installerades här från en lokal katalog, som CI inte kommer åt, så "
    "raden pekar på paketindexet i stället. Byt den mot en adress CI når (se README.md, "
    "Installera lofte)."
)
