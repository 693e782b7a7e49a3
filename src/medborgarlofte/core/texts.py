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

# Details that fill in the file and row problems above ({detail}), and the writer's refusals.
FILE_DETAILS: dict[str, str] = {
    "binary": "filen innehåller binära data",
    "binary_row": "binära data på raden",
    "no_read_permission": "läsrättighet saknas",
    "csv_file_error": "CSV-fel: {error}",
    "directory": "det är en katalog, inte en fil",
    "not_regular": "det är ingen vanlig fil (en namngiven pipe eller en enhet)",
    "link_outside": "länken pekar utanför repot",
    "torn": "{got} av {width} fält; ta bort eller gör klart raden",
    "open_to_end": "före filens slut",
    "open_before_row": "innan rad {line}, som ser ut som en ny rad",
    "no_such_date": " (datumet finns inte)",
    "excel_date": " (ser ut som Excels datumformat)",
    "count_positive": " (1 eller mer)",
    "count_decimals": ", utan decimaler",
    "count_digits": " med högst {digits} siffror",
    "count_ascii": " med siffrorna 0–9",
    "cell_too_long": "en cell är längre än {limit} tecken; korta texten eller ta bort raden",
    "csv_error": "{error} (kontrollera citattecknen på raden)",
    "utf16": " (den är sparad som UTF-16, i Excel 'Unicode-text')",
    "cp1252": " (den ser ut att vara sparad som Windows-1252/Latin-1, ett äldre Excel-format)",
    "bad_byte": " (ogiltig byte 0x{byte:02x})",
    "not_a_folder": "en del av sökvägen är en fil, inte en katalog",
    "no_write_permission": "skrivrättighet saknas",
}

# Parts of `lofte check`'s messages, added to a problem's own.
CHECK_TEXTS: dict[str, str] = {
    "belongs_in": "Raden hör hemma i {log}.",
    "misspelt_log": "Är loggen felstavad? {promise_file} finns.",
    "nothing_logged": "ingen insats är loggad",
    "unit_short": "{done} av {need} under {start}–{end}",
    "count_short_so_far": "{done} utfört, {expected} förväntat hittills",
    "count_short_period": "{done} utfört, {expected} förväntat för perioden",
}

# Fatal refusals: key -> (exit code, message template), raised as LofteError through
# `problems.refusal`. 1: rejected or unreadable data, nothing written; 2: wrong usage.
REFUSALS: dict[str, tuple[int, str]] = {
    # Writing (`lofte log …`)
    "cannot_open": (1, "Kan inte öppna {name} för skrivning: {reason}. Inget skrevs."),
    "not_regular": (
        1,
        "{name} är ingen vanlig fil (en namngiven pipe eller en enhet). Inget skrevs.",
    ),
    "blank_header": (1, "{name}: första raden är tom; rubrikraden saknas."),
    "missing_required": (1, "{name}:1: rubrikraden saknar {columns}; inget skrevs."),
    "bad_header": (1, "{name}:1: rubrikraden kan inte läsas; inget skrevs."),
    "missing_column": (
        1,
        "{name}:1: rubrikraden saknar kolumnen {columns}, så värdet skulle inte sparas. "
        "Lägg till kolumnen i rubrikraden eller logga utan värdet. Inget skrevs.",
    ),
    "open_quote": (
        1,
        "{name}:{line}: ett citattecken öppnar en cell som aldrig stängs, så en ny rad "
        "skulle hamna i den cellen. Rätta raden först (se 'lofte check'). Inget skrevs.",
    ),
    "replaced": (
        1,
        "{name} byttes ut av ett annat program flera gånger medan lofte väntade på att få "
        "skriva. Försök igen. Inget skrevs.",
    ),
    "not_utf8": (
        1,
        "Värdet för kolumnen '{column}' innehåller byte som inte är UTF-8 (kontrollera "
        "terminalens teckenkodning). Inget skrevs.",
    ),
    "write_failed": (1, "Kunde inte skriva till loggen: {error}. Inget sparades."),
    "bad_count": (1, "--antal ska vara ett positivt heltal{detail}, inte '{got}'. Inget skrevs."),
    "future_date": (1, "Datumet {day} ligger i framtiden (idag är {today}). Inget skrevs."),
    "no_period": (1, "Datumet {day} ligger inte i någon löftesperiod. Perioder: {periods}."),
    "several_kommuner": (
        1,
        "Datumet {day} finns i flera kommuners perioder ({kommuner}): ange --kommun.",
    ),
    "unknown_slug": (1, "Okänd {what} '{word}'.{hint} Kända: {known}."),
    "outside_repo": (1, "{rel} pekar utanför repot; inget skrevs."),
    "empty_comment": (1, "Kommentaren är tom. Skriv texten inom citattecken. Inget skrevs."),
    "unknown_promise": (1, "Okänt löfte '{id}' i perioden {period}.{hint} Kända löften: {known}."),
    # Reading
    "log_unreadable": (1, "Loggen {path} kan inte läsas."),
    "log_refused": (1, "Loggen {path} läses inte."),
    "comments_unreadable": (1, "Kommentarsfilen {path} kan inte läsas."),
    "promise_file_broken": (
        1,
        "Löftesfilen {path} har fel; rätta dem först (se 'lofte check').",
    ),
    "no_promise_files": (1, "Repot har inga läsbara löftesfiler under promises/."),
    "no_such_period_anywhere": (1, "Perioden '{period}' finns inte för någon kommun i repot."),
    # `lofte check --sedan REV`: git
    "git_missing": (2, "--sedan behöver git, men git finns inte installerat."),
    "git_timeout": (2, "git svarade inte inom {seconds} sekunder."),
    "not_a_git_repo": (
        2,
        "{root} är inte ett git-repo. --sedan jämför loggarna med git-historiken och fungerar "
        "bara i ett git-repo.",
    ),
    "unknown_revision": (
        2,
        "Revisionen '{rev}' finns inte i git-repot. Ange en gren, tagg eller commit som finns "
        "lokalt; i CI behövs hela historiken (fetch-depth: 0 eller GIT_DEPTH: 0).",
    ),
    "git_failed": (2, "git {command} misslyckades: {error}"),
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
    "E042": (
        E,
        "Citattecknet som öppnar en cell på raden stängs inte {detail}. Raden läses inte, och "
        "raderna efter den läses var för sig. Lägg till det avslutande citattecknet eller ta "
        "bort det.",
    ),
    "E043": (
        E,
        "Kolumnen '{name}' står {count} gånger i rubrikraden (kolumn {positions}), så det är "
        "oklart vilken som gäller. Byt namn på eller ta bort dubbletten.",
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
