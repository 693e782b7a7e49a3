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


def units_noun(per: str, count: int, block: int = 1) -> str:
    """ "1 av 1 vecka", "10 av 12 månader", "7 av 9 treveckorsperioder": the unit's (or
    block's) name agreeing with the count."""
    if block > 1:
        return block_noun(per, block, plural=count != 1)
    return per if count == 1 else UNIT_PLURALS[per]


# Blocks of several units (`per: 3 veckor`, docs/block.md) in words.
# "var tredje vecka" but "vart tredje år": the units of neuter gender.
NEUTER_UNITS = frozenset({"dygn", "kvartal", "tertial", "halvår", "år"})
ORDINALS: dict[int, str] = {
    3: "tredje",
    4: "fjärde",
    5: "femte",
    6: "sjätte",
    7: "sjunde",
    8: "åttonde",
    9: "nionde",
    10: "tionde",
    11: "elfte",
    12: "tolfte",
}
NUMBER_WORDS: dict[int, str] = {
    2: "två",
    3: "tre",
    4: "fyra",
    5: "fem",
    6: "sex",
    7: "sju",
    8: "åtta",
    9: "nio",
    10: "tio",
    11: "elva",
    12: "tolv",
}
# The first part of a compound: "treveckorsperiod", "tvåmånadersperiod", "treårsperiod".
UNIT_GENITIVES: dict[str, str] = {
    "dygn": "dygns",
    "vecka": "veckors",
    "månad": "månaders",
    "kvartal": "kvartals",
    "tertial": "tertials",
    "halvår": "halvårs",
    "år": "års",
}


def block_every(per: str, block: int) -> str:
    """ "varannan vecka", "vartannat år", "var tredje vecka", "vart fjärde kvartal",
    "var 13:e vecka": how often a block of `block` units of `per` comes round."""
    neuter = per in NEUTER_UNITS
    if block == 2:
        return ("vartannat " if neuter else "varannan ") + per
    if block in ORDINALS:
        ordinal = ORDINALS[block]
    else:
        ordinal = (
            f"{block}:a" if block % 10 in (1, 2) and block % 100 not in (11, 12) else f"{block}:e"
        )
    return ("vart " if neuter else "var ") + f"{ordinal} {per}"


def block_noun(per: str, block: int, *, plural: bool = False, definite: bool = False) -> str:
    """ "treveckorsperiod", "tvåmånadersperioder", "13-veckorsperioden": one block as a noun."""
    number = NUMBER_WORDS.get(block, f"{block}-")
    ending = "perioder" if plural else ("perioden" if definite else "period")
    return f"{number}{UNIT_GENITIVES[per]}{ending}"


# The unit under way has reached its need before it is over: "januari klar".
UNIT_DONE = "{name} klar"


def no_whole_unit_yet(per: str, block: int = 1) -> str:
    """ "ingen hel månad ännu", "ingen hel treveckorsperiod ännu"."""
    if block > 1:
        return f"ingen hel {block_noun(per, block)} ännu"
    return NO_WHOLE_UNIT_YET[per]


# `per: 3 veckor` gone wrong (E012's hint, E140's detail).
BLOCK_OF_ONE = "ett block av en enhet är enheten själv, så skriv 'per: {unit}'"
BLOCK_SIZE = "ett block har {least} till {most} enheter"
BLOCK_OF_PERIODS = (
    "Perioden delas inte i block: skriv ett antal av en kalenderenhet, till exempel "
    "'per: 3 veckor' eller 'per: 2 år'."
)

# "ingen hel månad ännu": an every-unit target before its first unit is complete.
NO_WHOLE_UNIT_YET: dict[str, str] = {
    "dygn": "inget helt dygn ännu",
    "vecka": "ingen hel vecka ännu",
    "månad": "ingen hel månad ännu",
    "kvartal": "inget helt kvartal ännu",
    "tertial": "inget helt tertial ännu",
    "halvår": "inget helt halvår ännu",
    "år": "inget helt år ännu",
}

# Why a log row of a promise's typ did not count (`lofte status PERIOD ID`).
REASON_TEXTS: dict[str, str] = {
    "participants": "ingen av deltagarna {participants} var med",
    "tags": "saknar taggen {tags}",
    "after_as_of": "efter per-datumet {as_of}",
    "outside_period": "utanför perioden {start}–{end}",
    "future": "i framtiden (idag är {today})",
    "invalid": "ogiltig rad: {message}",
    "struck": "struken: {struck_reason}",
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
    "number_too_long": (
        "{name}:{line}: talet {number} har fler än {digits} siffror eller en exponent över "
        "{exponent}, och läses inte: inget av Koladas nyckeltal är så stort. Spara svaret från "
        "Kolada igen. Inget skrevs."
    ),
    "two_values": (
        "{name}: två olika värden för {year} (kommunkod {code}, kön {gender}): {first} och "
        "{second}. Det går inte att veta vilket som gäller; spara svaret från Kolada igen. "
        "Inget skrevs."
    ),
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

# Refusals of the command line's own input (docs/garantier.md).
UNDECODABLE_ARGUMENT = (
    "{option} innehåller tecken som inte är UTF-8 (terminalens teckenkodning?). "
    "Skriv texten igen med vanliga tecken. Inget skrevs."
)

SAME_ID_FOLDED = (
    "(som '{first}': id jämförs utan skillnad på versaler och å/ä/ö, så det andra löftet "
    "kunde aldrig nås från kommandoraden)"
)

UNKNOWN_KOMMUN = "Okänd kommun '{kommun}'.{hint} Kommuner i repot: {known}."
UNKNOWN_KOMMUN_ONLY_ONE = "Okänd kommun '{kommun}'.{hint} Repot gäller {known}."

LINK_OUTSIDE = "länken pekar utanför repot"
LINK_LOOP = "länken leder i en slinga och når aldrig en fil"
LINK_NOWHERE = "länken pekar på {target}, som inte finns"
NAME_WITH_CONTROL = "namnet innehåller styrtecken; byt namn på filen eller katalogen"
NAME_NOT_UTF8 = "namnet är inte UTF-8; byt namn på filen eller katalogen"
FILE_REFUSED = "{rel} läses inte."

INIT_BAD_NAME = (
    "{option} '{name}' kan inte användas: namnet blir en katalog i repot och får inte "
    "innehålla '/', '\\' eller styrtecken, eller börja med '.'. Inget skrevs."
)
INIT_CONTROL = (
    "{option} innehåller styrtecken ({name}). Skriv namnet med vanliga tecken. Inget skrevs."
)
OUTPUT_PROTECTED = (
    "-o {path} skulle skriva över en fil under {folder}/, där löftena och loggarna ligger. "
    "Välj en annan fil, till exempel uppfoljning.html. Inget skrevs."
)
INIT_YEARS = "--period: '{text}' ligger utanför åren 1900–2200."
INIT_ALREADY_WRITTEN = "{error} Redan skrivet: {done}."
INIT_OUTSIDE = "{rel} skulle hamna utanför repot (en länk på vägen?). Inget skrevs."

MINIMUM_TOO_LARGE = "Högst {most}."
TAG_EMPTY = "taggen är tom"
TAG_SEPARATOR = "en tagg kan inte innehålla ';' eller ',', som skiljer taggar åt i loggen"

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

# Why a correction's new row is an old row (E091's {detail}).
CORRECTION_DETAILS: dict[str, str] = {
    "copy_before": "som står före raden den ersätter",
    "copy_taken": "som redan är ny rad för rättelsen på rad {line} i rättelsefilen",
    "copy_struck": "som ströks redan på rad {line} i rättelsefilen",
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
    "write_through_link": (
        1,
        "{name}: {link} är en symbolisk länk, och lofte skriver aldrig genom en länk i repot. "
        "Ersätt länken med en vanlig fil eller katalog. Inget skrevs.",
    ),
    "write_into_git": (
        1,
        "{name} ligger i en .git-katalog; lofte skriver aldrig i gits egna filer. Inget skrevs.",
    ),
    "write_failed_file": (1, "Kunde inte skriva {name}: {reason}. Filen är oförändrad."),
    "write_not_folder": (1, "{name}: {folder} är en fil, inte en katalog. Inget skrevs."),
    "erase_open_quote": (
        1,
        "{name}:{line}: ett citattecken öppnar en cell som aldrig stängs, så det är osäkert "
        "var rad {row} börjar och slutar, och den raderas inte. Rätta citattecknet först (se "
        "'lofte check') och radera sedan. Inget skrevs.",
    ),
    "copy_named": (
        1,
        "Den rättade raden skulle få referensen {ref}, men {name} nämner den redan på rad "
        "{line}. Kör 'lofte check' och rätta det den visar först. Inget skrevs.",
    ),
    "erase_unsafe": (
        1,
        "{name}:{row}: raden kan inte raderas säkert: filen skulle läsas annorlunda efteråt. "
        "Kör 'lofte check' och rätta det den visar först. Inget skrevs.",
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
    "after_last_period": (
        1,
        "Datumet {day} ligger efter den senaste löftesperioden, {period} ({start}–{end}), "
        "som har slutat. Börja nästa period med 'lofte init --fran {period}{kommun}' (den får "
        "förra periodens löften att se över), och logga sedan igen. Inget skrevs.",
    ),
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
    "corrections_unreadable": (
        1,
        "Rättelsefilen {path} kan inte läsas, så de rader den stryker skulle räknas igen. "
        "Rätta den först (se 'lofte check').",
    ),
    "promise_file_broken": (
        1,
        "Löftesfilen {path} har fel; rätta dem först (se 'lofte check').",
    ),
    "no_promise_files": (1, "Repot har inga läsbara löftesfiler under promises/."),
    # Finding the repo and the period a command names
    "no_promises_folder": (1, "Katalogen {folder} har ingen promises/-katalog."),
    "promises_outside": (1, "promises/ pekar utanför repot; lofte läser inte där."),
    "promises_unreadable": (1, "promises/ kan inte läsas: {detail}."),
    "no_such_period": (1, "Perioden '{period}' finns inte. Perioder i repot: {names}."),
    "name_fits_several_kommuner": (
        1,
        "'{what}' passar flera kommuner ({kommuner}): välj en med --kommun.",
    ),
    "no_period_in_repo": (1, "{what} finns inte i repot. Perioder i repot: {names}."),
    # `lofte init`
    "init_period_backwards": (2, "--period: perioden {first}-{last} slutar innan den börjar."),
    "init_no_kommun": (2, "Ange kommunen med --kommun, till exempel --kommun Haparanda."),
    "init_not_a_folder": (1, "{root} finns redan och är ingen katalog."),
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
    # `lofte import insatser`: the spreadsheet itself cannot be read (nothing written)
    "sheet_missing": (1, "Filen {file} finns inte (eller är ingen vanlig fil). Inget skrevs."),
    "sheet_unreadable": (1, "{file} kan inte läsas: {reason}. Inget skrevs."),
    "sheet_too_large": (
        1,
        "{file} är för stor ({size}; högst {most}) för en tabell med insatser. Dela upp den "
        "eller spara bara bladet med insatserna. Inget skrevs.",
    ),
    "sheet_encrypted": (
        1,
        "{file} är en lösenordsskyddad Excel-fil eller en gammal .xls-fil, som lofte inte "
        "kan läsa. Öppna den i Excel, ta bort lösenordet (Arkiv > Info > Skydda arbetsbok) "
        "och spara som .xlsx eller som 'CSV UTF-8'. Inget skrevs.",
    ),
    "sheet_not_a_spreadsheet": (
        1,
        "{file} är varken en Excel-fil (.xlsx) eller en CSV-fil. Spara tabellen som .xlsx "
        "eller som 'CSV UTF-8' och försök igen. Inget skrevs.",
    ),
    "sheet_utf16": (
        1,
        "{file} är sparad som UTF-16 (Excels 'Unicode-text'). Spara den som 'CSV UTF-8 "
        "(kommaavgränsad)' eller som .xlsx. Inget skrevs.",
    ),
    "sheet_cp1252": (
        1,
        "{file} är inte UTF-8 (rad {line}): den ser ut att vara sparad som Excels vanliga "
        "'CSV (semikolonavgränsad)', i Windows-1252, där å, ä och ö kan bli fel. Spara den "
        "i Excel med Arkiv > Spara som > 'CSV UTF-8 (kommaavgränsad)', eller som .xlsx, och "
        "importera igen. Inget skrevs.",
    ),
    "sheet_bad_csv": (1, "{file}:{line}: raden kan inte läsas som CSV ({error}). Inget skrevs."),
    "sheet_no_header": (
        1,
        "{file} har ingen rubrikrad: första raden ska namnge kolumnerna (Datum, Typ, Antal "
        "…). Inget skrevs.",
    ),
    "sheet_csv_has_no_sheets": (
        1,
        "{file} är en CSV-fil, som bara har ett blad: ta bort --blad. Inget skrevs.",
    ),
    "sheet_no_such_sheet": (
        1,
        "{file} har inget blad som heter '{sheet}'. Bladen: {known}. Inget skrevs.",
    ),
    "import_unknown_log_column": (
        2,
        "--kolumn: loggen har ingen kolumn '{column}'. Loggens kolumner: {known}.",
    ),
    "import_no_such_heading": (
        1,
        "--kolumn: tabellen har ingen kolumn med rubriken '{heading}'. Rubrikerna: {known}. "
        "Inget skrevs.",
    ),
    "import_missing_columns": (
        1,
        "Tabellen saknar kolumnen för {columns}. Rubrikerna: {known}. Döp om kolumnen eller "
        'ange den, till exempel --kolumn typ="Typ av insats". Inget skrevs.',
    ),
    "import_log_unreadable": (
        1,
        "Loggen {log} har fel som måste rättas först (se 'lofte check'). Inget skrevs.",
    ),
    "import_bad_mapping": (
        2,
        "--kolumn '{given}': skriv LOGGKOLUMN=RUBRIK, till exempel "
        '--kolumn typ="Typ av insats".',
    ),
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
    "E012": (
        E,
        "Okänd enhet per: '{got}'. Tillåtna: {allowed}, eller ett block av flera enheter "
        "(per: 3 veckor).",
    ),
    "E013": (E, "Perioden {period} överlappar {other} för samma kommun."),
    "E014": (E, "YAML-{what} är inte tillåtna i en löftesfil ({detail})."),
    "E015": (E, "Ett mål med 'löpande: true' kan inte också ha 'minst'."),
    "E016": (E, "Ett mål behöver 'minst' eller 'löpande: true'."),
    "E017": (E, "Ogiltig slug '{slug}': {detail}."),
    "E018": (E, "Ogiltigt datum '{got}' för '{key}': skriv ÅÅÅÅ-MM-DD."),
    "E019": (E, "Filen är inte UTF-8{detail}. Spara den som UTF-8 i textredigeraren."),
    "E063": (
        E,
        "Nyckeln '{key}' står två gånger i samma avsnitt (första gången på rad {first_line}).",
    ),
    # per: a block of several units (docs/block.md)
    "E140": (E, "'per: {got}' går inte: {detail}."),
    # utom: days that carry no target (docs/bedomning.md §3)
    "E060": (
        E,
        "'utom' tar månadsnamn (januari … december) och intervall "
        "{{från: ÅÅÅÅ-MM-DD, till: ÅÅÅÅ-MM-DD}}, inte {got}.",
    ),
    "E061": (E, "Intervallet i 'utom' slutar {end}, före sin början {start}."),
    "E062": (
        E,
        "Intervallet {start}–{end} i 'utom' ligger helt utanför perioden {period} "
        "({period_start}–{period_end}).",
    ),
    "E130": (
        E,
        "Namnet på ett intervall i 'utom' ska vara en kort text på en rad (högst {most} "
        "tecken), till exempel namn: jullov, inte {got}.",
    ),
    # Promise files: what can never be met, or is silently wrong (docs/garantier.md)
    "E050": (
        E,
        "Källan '{source}' blir ingen länk: bara http:, https: och mailto: blir länkar, "
        "inte {scheme}:. Skriv en adress som börjar med https://, eller beskriv källan med ord.",
    ),
    "E051": (E, "'typ' är en tom lista: målet kan aldrig räkna en insats. Ange minst en typ."),
    "E052": (E, "Taggen '{tag}' kan aldrig finnas på en loggrad: {detail}."),
    "E053": (
        E,
        "'snitt: true' utan 'per': skriv vilken enhet snittet gäller (per: vecka, månad …), "
        "eller ta bort 'snitt'.",
    ),
    "E054": (
        E,
        "Perioden {period} stämmer inte med filnamnet {file}: filen heter efter {named} men "
        "perioden gäller {held}. Byt namn på filen (och loggen), eller rätta perioden.",
    ),
    "E055": (E, "Året {year} i '{key}' ligger utanför 1900–2200."),
    # What the site publishes where (core/site_names.py)
    "E100": (
        E,
        "{other} och den här filen skulle publiceras under samma namn på webbplatsen "
        "({slug}), så den ena skulle ta den andras sidor. Ge kommunerna namn (eller mappar "
        "under promises/) som skiljer sig i mer än versaler, å/ä/ö och skiljetecken.",
    ),
    "E101": (
        E,
        "Filnamnet {file} är ingen period: en löftesfil heter efter sitt år (2019.yaml) eller "
        "sina år (2020-2021.yaml), och loggen, webbplatsens sida och kommandonas PERIOD går "
        "efter namnet.{detail} Byt namn på filen (och loggen).",
    ),
    "E102": (E, "Kommunen '{kommun}' kan inte publiceras: {detail}."),
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
    "E065": (
        E,
        "Rubriken har {length} tecken men ska ha 1–{limit}: skriv en kort rubrik"
        " (hela löftet står i 'text').",
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
    # Corrections (logs/<period>.rattelser.csv)
    "E070": (E, "Okänd åtgärd '{got}' i rättelsefilen. Kända åtgärder: {known}."),
    "E071": (
        E,
        "Ogiltig radreferens '{got}' i '{name}': en referens är tio tecken 0–9 och a–f, "
        "ibland följda av -2, -3 ….",
    ),
    "E072": (
        E,
        "Ogiltig tidpunkt '{got}' i 'registrerad': skriv ISO 8601 med tidszon, "
        "till exempel 2019-06-30T14:05:00+02:00.",
    ),
    "E073": (E, "Skälet saknas: varje rättelse behöver ett skäl."),
    "E074": (E, "Rättelsen gäller raden med referensen {ref}, men den finns inte i {log}."),
    "E075": (
        E,
        "Rättelsen strök rad {row_line}, men den rättade raden ({ref}) saknas i loggen: "
        "skrivningen avbröts. Ta bort den här raden ur rättelsefilen och kör "
        "'lofte log ratta {row_line}' igen.",
    ),
    "E076": (
        E,
        "Raderingen av rad {row_line} är registrerad men raden har kvar sin text: "
        "skrivningen avbröts. Kör 'lofte log radera {row_line}' igen.",
    ),
    "E090": (
        E,
        "Loggens rad {row_line} ströks redan på rad {first_line} i rättelsefilen, så den här "
        "rättelsens nya rad {copy_line} räknas utöver den förra rättelsens: samma insats räknas "
        "två gånger. Stryk den ena nya raden: 'lofte log stryk {copy_line} --skal TEXT'.",
    ),
    "E091": (
        E,
        "Rättelsens nya rad ({ref}) är loggens rad {copy_line}, {detail}, inte raden som lades "
        "till med rättelsen: loggens rad {row_line} är struken och ingenting kom i dess ställe. "
        "Rättelsefilen skrivs av 'lofte log ratta', inte för hand.",
    ),
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
    # Undo, and struck measurements and comments (logs/<period>.rattelser.csv)
    "E120": (
        E,
        "Ångringen gäller raden med referensen {ref}, men ingen rättelse före den strök den "
        "raden: det finns inget att ångra. Ta bort raden ur rättelsefilen.",
    ),
    "E121": (
        E,
        "Ångringen ska stryka den rättade kopian {ref}, men anger '{got}' i 'ny_rad'. "
        "Skriv {ref} i 'ny_rad'.",
    ),
    "E122": (
        E,
        "Rättelsen stryker mätningen med referensen {ref}, men den finns inte i {file}.",
    ),
    "E123": (
        E,
        "Rättelsen stryker kommentaren med referensen {ref}, men den finns inte i {file}.",
    ),
    # Warnings: never fail a check
    "E110": (
        E,
        "Loggen har sina rader {count} gånger: rad {first}–{last} ({dialect}) och {others}. "
        "Troligen sparades loggen om (i Excel?) på en gren och git slog ihop de två "
        "versionerna (merge=union), eller så klistrades den in en gång till. Raderna från "
        "rad {start} räknas inte. Laga loggen med 'lofte laga {log}'.",
    ),
    "W001": (W, "Ser ut som ett {kind} i '{name}': personuppgifter hör inte hemma i loggen."),
    "W002": (W, "Cellen i '{name}' börjar med '{char}' och kan tolkas som formel i Excel."),
    "W003": (W, "Raden är en exakt kopia av rad {first_line}."),
    "W004": (W, "Rader som inte kunde läsas lämnades utanför: {count} st. Kör 'lofte check'."),
    "W007": (
        W,
        "Raden som rättelsen stryker är redan struken (rättelsefilens rad {first_line}); "
        "den här rättelsen ändrar inget.",
    ),
    # `lofte check --strikt`: the data is valid, but a promise is not keeping pace
    "S001": (W, "Löftet {name} ligger efter plan per {per}: {detail}."),
    "S002": (W, "Löftet {name} är inte uppfyllt per {per}: {detail}."),
}


# The command-line framework's own words (help pages and usage errors), in Swedish.
# cli/swedish.py applies them: headings by name, phrases as (English pattern, Swedish).
HELP_USAGE_PREFIX = "Användning: "
HELP_HEADINGS: dict[str, str] = {
    "Options": "Flaggor",
    "Commands": "Kommandon",
    "Arguments": "Argument",
}
HELP_PHRASES: tuple[tuple[str, str], ...] = (
    (r"\[OPTIONS\]", "[FLAGGOR]"),
    (r"COMMAND \[ARGS\]\.\.\.", "KOMMANDO [ARGUMENT]..."),
    (r"Show this message and exit\.", "Visa den här hjälpen."),
    (r"Install completion for the current shell\.", "Installera komplettering för skalet."),
    (
        r"Show completion for the current shell, to copy it or customize the installation\.",
        "Visa kompletteringsskriptet för skalet, för att kopiera eller anpassa det.",
    ),
    (r"\[required\]", "[krävs]"),
    (r"\[default: ([^\]]*)\]", r"[standard: \1]"),
    (r"\[env var: ([^\]]*)\]", r"[miljövariabel: \1]"),
    (r"required", "krävs"),
    (r"default: ", "standard: "),
    (r"\b(\d+)<=x<=(\d+)\b", r"\1–\2"),
    (r"\bx>=(\d+)\b", r"minst \1"),
    (r"\bx<=(\d+)\b", r"högst \1"),
    (r"\bINTEGER\b", "HELTAL"),
    (r"\bPATH\b", "FIL"),
    (r"\bFILE\b", "FIL"),
)
USAGE_ERROR_PREFIX = "Fel: "
USAGE_HELP_HINT = "Se '{command} {option}' för hjälp."
USAGE_ABORTED = "Avbrutet."
USAGE_ERROR_PHRASES: tuple[tuple[str, str], ...] = (
    # Typer and Click both suggest a command: one suggestion is enough.
    (r"(Did you mean [^?]*\?)(?: Did you mean [^?]*\?)+", r"\1"),
    (r"Missing option '([^']*)'( / '[^']*')*\.", r"Flaggan '\1' saknas."),
    (r"Missing argument '([^']*)'\.", r"Argumentet '\1' saknas."),
    (r"Missing parameter:? '?([^'.]*)'?\.?", r"Värdet '\1' saknas."),
    (r"Missing command\.", "Ett kommando saknas."),
    (r"No such command '([^']*)'\.", r"Okänt kommando '\1'."),
    (r"Did you mean (.*)\?", r"Menade du \1?"),
    (r"No such option '([^']*)'\.", r"Okänd flagga: \1"),
    (r"No such option: (\S+)", r"Okänd flagga: \1"),
    (r"\(Possible options: (.*)\)", r"(Menade du: \1?)"),
    (r"Got unexpected extra arguments? \((.*)\)", r"Oväntat extra argument: \1"),
    (r"Got unexpected extra argument\(s\) \((.*)\)", r"Oväntat extra argument: \1"),
    (r"Option '([^']*)' requires an argument\.", r"Flaggan '\1' behöver ett värde."),
    (r"Option '([^']*)' requires (\d+) arguments\.", r"Flaggan '\1' behöver \2 värden."),
    (r"Option '([^']*)' does not take a value\.", r"Flaggan '\1' tar inget värde."),
    # An optional argument is named as the usage line writes it, `[RAD]`: bare here.
    (r"Invalid value for '\[([^\]']*)\]': ", r"Ogiltigt värde för '\1': "),
    (r"Invalid value for (.*?): ", r"Ogiltigt värde för \1: "),
    (r"Invalid value: ", "Ogiltigt värde: "),
    (r"'([^']*)' is not one of (.*)\.", r"'\1' är inte ett av \2."),
    (r"'[^']*' is not a valid integer(?: range)?\.", "skriv ett heltal."),
    (r"'[^']*' is not a valid float(?: range)?\.", "skriv ett tal."),
    (r"'[^']*' is not a valid boolean\.", "skriv ja eller nej (true/false)."),
    (r"\S+ is not in the range (\S+)<=x<=(\S+?)\.", r"skriv ett tal från \1 till \2."),
    (r"\S+ is not in the range x>=(\S+?)\.", r"skriv ett tal som är minst \1."),
    (r"\S+ is not in the range x<=(\S+?)\.", r"skriv ett tal som är högst \1."),
    (r"\S+ is not in the range x>(\S+?)\.", r"skriv ett tal större än \1."),
    (r"\S+ is not in the range x<(\S+?)\.", r"skriv ett tal mindre än \1."),
    (r"(.*) does not exist\.", r"\1 finns inte."),
    (r"(.*) is a directory\.", r"\1 är en katalog."),
    (r"(.*) is a file\.", r"\1 är en fil."),
    (r"(.*) is not readable\.", r"\1 går inte att läsa."),
    (r"(.*) is not writable\.", r"\1 går inte att skriva."),
    (r"^File ", "Filen "),
    (r"^Directory ", "Katalogen "),
    (r"^Path ", "Sökvägen "),
)

# PyYAML's syntax errors as Swedish advice (E001's detail). Each row: a pattern for the
# parser's English problem, the Swedish advice ({char}: the character it found;
# {opened}: the line where what it was scanning began), and whether the mistake sits where
# that began rather than where the parser noticed it (a missing ':' is noticed a line late).
YAML_ADVICE: tuple[tuple[str, str, bool], ...] = (
    (r"(?P<own>strukturen är för djupt nästlad.*)", "{own}", False),  # our own refusal
    (
        r"found (?:character '\\t' that cannot start any token|a tab character)",
        "ett tabbtecken; YAML drar in med mellanslag, aldrig med tabb, så byt tabbtecknen "
        "mot mellanslag (ställ in textredigeraren på att dra in med mellanslag)",
        False,
    ),
    (
        r"found invalid Unicode character escape code",
        "en escape-kod som inte är ett tecken: \\ud800–\\udfff (surrogat, också i par som "
        "\\ud83d\\ude00) eller över \\U0010FFFF. Skriv tecknet självt, eller med åtta siffror "
        "(\\U0001F600)",
        False,
    ),
    (
        r"could not find expected ':'",
        "kolon saknas: en rad i ett avsnitt ska vara 'nyckel: värde' (till exempel "
        "'text: …'), och ett nytt löfte börjar med '- '",
        True,
    ),
    (
        r"found unexpected end of stream",
        "ett citattecken som öppnas på rad {opened} stängs aldrig; sätt ett likadant "
        "citattecken i slutet av texten",
        True,
    ),
    (
        r"found unknown escape character",
        "okänt tecken efter '\\' inom \"…\"; skriv '\\\\' för ett bakstreck, eller använd "
        "enkla citattecken '…'",
        False,
    ),
    (
        r"mapping values are not allowed here",
        "ett kolon som inte kan stå här; en text som innehåller ': ' ska stå inom "
        'citattecken ("Medborgar: kontakt"), och en nyckel ska stå i linje med de andra '
        "nycklarna i samma avsnitt",
        False,
    ),
    (
        r"expected ',' or '\]', but got",
        "listan [ … ] som börjar på rad {opened} stängs inte; sätt ',' mellan värdena och ']' sist",
        False,
    ),
    (
        r"expected ',' or '}', but got",
        "avsnittet {{ … }} som börjar på rad {opened} stängs inte; sätt ',' mellan "
        "nycklarna och '}}' sist",
        False,
    ),
    (
        r"expected <block end>, but found '-'",
        "ett listelement ('- ') där en nyckel väntas; kontrollera indraget: elementen i en "
        "lista står under sin nyckel, indragna lika mycket",
        False,
    ),
    (
        r"expected <block end>, but found '<scalar>'",
        "text efter ett avslutande citattecken; sätt hela värdet inom citattecken",
        False,
    ),
    (
        r"expected <block end>|did not find expected key|did not find expected '-'",
        "fel indrag: nycklar i samma avsnitt ska stå exakt lika långt in (samma antal "
        "mellanslag), och en lista ('- ') lika långt in under sin nyckel",
        False,
    ),
    (
        r"found character '(?P<char>.)' that cannot start any token",
        "tecknet '{char}' kan inte inleda ett värde; sätt värdet inom citattecken",
        False,
    ),
    (
        r"expected a single document",
        "filen har mer än ett YAML-dokument ('---'); en löftesfil är ett enda dokument",
        False,
    ),
)
YAML_ADVICE_FALLBACK = "texten följer inte YAML:s regler här (tolken säger: {problem})"
E101_SIDE_FILE = (
    " Loggen skulle heta {log}, som slutar som en fil bredvid en annan periods logg "
    "({suffix})."
)
E102_EMPTY = "namnet är tomt; skriv kommunens namn"
E102_NO_LETTER = "namnet har ingen bokstav eller siffra som webbplatsen kan använda"
E102_RESERVED = "webbplatsen skulle ge den namnet '{slug}', som webbplatsen använder själv"
E063_HINT_ID = "Har ett '- ' fallit bort före nästa löfte?"
E063_HINT_NAME = "Har ett '- ' fallit bort före nästa område?"
E063_HINT_OTHER = "Ta bort den ena."

# `lofte log kommentar`: which period a comment goes to.
COMMENT_OUTSIDE_PERIOD = (
    "Datumet {day} ligger varken i perioden {period} eller inom {days} dagar efter dess slut. "
    "Inget skrevs."
)
COMMENT_SEVERAL_KOMMUNER = (
    "Datumet {day} finns i flera kommuners perioder ({kommuner}): ange --kommun. Inget skrevs."
)
COMMENT_SEVERAL_PERIODS = (
    "Kommentaren kan gälla flera perioder ({periods}): ange vilken med --period. Inget skrevs."
)

# `lofte rapport -o FIL`: a file name whose suffix lofte cannot write.
REPORT_NO_PDF = (
    "lofte skriver inte PDF ({path}). Skriv rapporten som HTML (-o rapport.html), öppna den "
    "i webbläsaren och välj Skriv ut → Spara som PDF; sidan är gjord för A4."
)
# `lofte log insats --tyst`: the file and the row number that `log stryk/ratta` take.
SAVED_QUIET = "Sparad i {rel}, rad {line}."
SAVED_QUIET_LARGE = "Sparad sist i {rel} ('lofte log lista --senaste 1' visar radnumret)."

# `-o` into a folder that does not exist: refused, not created, since a mistyped folder
# would otherwise silently hold the report where nobody looks for it.
OUTPUT_NO_FOLDER = (
    "Mappen {folder} finns inte, så {path} skrevs inte. Skapa mappen först "
    "(mkdir -p {folder}) eller välj en fil i en mapp som finns."
)
REPORT_UNKNOWN_SUFFIX = (
    "Okänd filändelse '{suffix}' i {path}: skriv .html eller .md, eller ange --format html "
    "eller --format markdown."
)

# `lofte status PERIOD ID --format …`: the detail view has a table and JSON.
DETAIL_FORMATS = (
    "Ett enskilt löfte visas som tabell eller json, inte {format}. Utan ID visas alla löften "
    "som {format}."
)

# Correcting the record: `lofte log lista`, `stryk`, `ratta`, `radera`
# (docs/garantier.md, Rättelser)
EMPTY_REASON = "--skal får inte vara tomt: skriv varför raden rättas. Inget skrevs."
NO_LOG = "Loggen {log} finns inte ännu; det finns ingen rad att rätta. Inget skrevs."
LOG_UNREADABLE = "Loggen {log} kan inte läsas; inget skrevs."
ROW_IS_HEADER = "Rad 1 i {log} är rubrikraden och kan inte rättas. Inget skrevs."
NO_SUCH_ROW = (
    "Rad {line} i {log} är ingen loggrad (sista raden är {last}). "
    "'lofte log lista' visar raderna med sina nummer. Inget skrevs."
)
ALREADY_STRUCK = "Rad {line} är redan struken{who}{when}: {reason}. Inget skrevs."
STRUCK_COPY = "Den rättade kopian är rad {line}; rätta eller stryk den i stället."
ALREADY_ERASED = "Rad {line} är redan raderad. Inget skrevs."
NOTHING_TO_ERASE = (
    "Rad {line} har ingen fritext (plats, beskrivning, taggar) att radera. Inget skrevs."
)
OTHER_PERIOD = (
    "Det rättade datumet {day} ligger utanför perioden {period} ({start}–{end}). "
    "Stryk raden med 'lofte log stryk' och logga insatsen i rätt period. Inget skrevs."
)
NOTHING_CORRECTED = (
    "Ange minst ett fält att rätta (--datum, --typ, --antal, --plats, --deltagare, --tagg, "
    "--beskrivning); för att bara stryka raden: 'lofte log stryk'. Inget skrevs."
)
SEVERAL_PERIODS = "Perioden '{period}' finns för flera kommuner ({kommuner}): ange --kommun."
STRUCK_DONE = "Struken: {log}:{line} ({ref}) räknas inte längre. Skäl: {reason}"
CORRECTED_DONE = "Rättad: {log}:{line} ({ref}) är struken och ersatt av rad {new_line}."
ERASED_DONE = (
    "Raderad: fritexten på {log}:{line} ({ref}) är ersatt med [raderad]; "
    "datum, typ, antal och deltagare står kvar."
)
ERASURE_FINISHED = "Raderingen av {log}:{line} var redan registrerad men avbruten; nu är den klar."
HISTORY_WARNING = (
    "Obs: texten finns i git-historiken och är pushad ({remotes}). Committa ändringen, rensa "
    "historiken (till exempel 'git filter-repo --replace-text') och tvinga ut den "
    "('git push --force'); be alla med en klon eller fork att klona om. "
    "Se docs/garantier.md i lofte:s dokumentation."
)
HISTORY_NOT_PUSHED = (
    "Obs: texten finns i en commit här men är inte pushad till någon fjärrgren som det här "
    "repot känner till. Rensa den ur historiken innan du pushar (till exempel "
    "'git filter-repo --replace-text'; se docs/garantier.md i lofte:s dokumentation), "
    "committa sedan ändringen."
)
HISTORY_NOT_COMMITTED = (
    "Texten har aldrig committats, så git-historiken har den inte: committa ändringen, så "
    "är den borta."
)
PERSONAL_NUMBER_REFUSED = (
    "{option} ser ut att innehålla ett {kind}; personuppgifter hör inte hemma i loggen. "
    "Inget skrevs. Är det inget personnummer: lägg till --inte-personnummer."
)
LARGE_COUNT = (
    "lofte: varning: --antal {count} är ovanligt stort (över {limit}). "
    "Stämmer det? Annars: 'lofte log ratta {line} --antal N --skal \"fel antal\"'."
)
NOT_COUNTED = "Raden räknas inte mot något löfte."
NOT_COUNTED_BECAUSE = "  {id}: {why}"
NO_PROMISE_OF_TYPE = "  Inget löfte räknar typen {type}."
WHY_PARTICIPANTS = "räknar bara med {participants}"
WHY_TAGS = "räknar bara med taggen {tags}"
WHY_AFTER_PERIOD = "datumet ligger utanför perioden {start}–{end}"
DAY_WORD_INVALID = (
    "{what}: '{text}' är inget giltigt datum. Skriv ÅÅÅÅ-MM-DD, idag, igår, förrgår, "
    "en veckodag (måndag … söndag) eller -N (N dagar sedan)."
)
# `lofte check --sedan REV` found rows rewritten: how to get back (after the E030 lines)
SINCE_RECOVERY = (
    "lofte: {log} har ändrats i rader som redan fanns i {rev}; en logg får bara växa. Så "
    "återställer du: spara en kopia av filen, ta tillbaka versionen från {rev} med "
    "'git checkout {rev} -- {log}', och lägg till de nya raderna igen med 'lofte log "
    "insats' (eller 'lofte import insatser'). Har loggen sparats om i Excel och slagits "
    "ihop så att raderna står två gånger: 'lofte laga {log}'. Fel i gamla rader rättas med "
    "'lofte log stryk', 'lofte log ratta' eller 'lofte log radera', aldrig i filen. "
    "Se docs/garantier.md."
)
NOT_STRUCK = (
    "Rad {line} är varken struken eller rättad; det finns inget att ångra. "
    "'lofte log lista' visar vilka rader som är strukna. Inget skrevs."
)
UNDO_OF_UNDO = (
    "Rad {line} ströks när rättningen av rad {original} ångrades. Ska rättningen gälla "
    "igen: 'lofte log ratta {original}'. Inget skrevs."
)
UNDO_COPY_CORRECTED = (
    "Rättningen av rad {line} gav rad {copy}, som själv är rättad (rad {next}). Ångra den "
    "rättningen först: 'lofte log angra {copy}', sedan 'lofte log angra {line}'. Inget skrevs."
)
UNDONE_DONE = "Ångrad: {log}:{line} ({ref}) räknas igen. Skäl: {reason}"
UNDONE_COPY = "Den rättade kopian, rad {line}, är struken och räknas inte längre."
NO_SIDE_FILE = "{file} finns inte ännu; det finns ingen rad att stryka. Inget skrevs."
SIDE_NO_SUCH_ROW = (
    "Rad {line} i {file} är ingen rad (sista raden är {last}). "
    "'lofte log lista {option}' visar raderna med sina nummer. Inget skrevs."
)
SIDE_ALREADY_STRUCK = "Rad {line} i {file} är redan struken{who}{when}: {reason}. Inget skrevs."
SIDE_NOT_STRUCK = "Rad {line} i {file} är inte struken; det finns inget att ångra. Inget skrevs."
SIDE_STRUCK_DONE = "Struken: {file}:{line} ({ref}) visas inte längre. Skäl: {reason}"
SIDE_UNDONE_DONE = "Ångrad: {file}:{line} ({ref}) visas igen. Skäl: {reason}"
STRIKE_WHICH = "Ange en rad: RAD (loggen), --matning RAD eller --kommentar RAD, och bara en av dem."
MOVE_BAD_DATE = (
    "Kommentaren på rad {line} i {file} har inget giltigt datum och kan inte flyttas; "
    "stryk den med 'lofte log stryk --kommentar {line}' och skriv den igen. Inget skrevs."
)
MOVE_SAME = (
    "Kommentaren står redan under löftet {id} i perioden {period}; ange en annan --period "
    "eller --lofte. Inget skrevs."
)
MOVE_NOWHERE = "Ange vart kommentaren ska: --period, --lofte eller båda. Inget skrevs."
MOVE_WITH_TEXT = (
    "--flytta flyttar en kommentar som redan finns: ange inte ID och TEXT samtidigt. Inget skrevs."
)
COMMENT_ARGS_MISSING = (
    'Ange löftets id och kommentaren: lofte log kommentar ID "TEXT" '
    "(eller --flytta RAD för att flytta en kommentar)."
)
MOVED_REASON = "flyttad till löftet {id} i perioden {period}"
MOVED_DONE = (
    "Flyttad: kommentaren {file}:{line} är struken och sparad som {new_file}:{new_line} "
    "(löftet {id}, perioden {period})."
)
SIDE_LIST_EMPTY = "Inga rader att visa i {file}."
SIDE_LIST_TITLE = "{file}: {shown} av {total} rader"
MEASUREMENT_HEADINGS = ("Rad", "Datum", "Indikator", "Värde", "Källa", "Registrerad")
COMMENT_HEADINGS = ("Rad", "Datum", "Löfte", "Kommentar", "Registrerad")
LIST_ONLY_LOG = "{option} gäller loggens rader och kan inte användas med {other}."
LIST_EMPTY = "Inga rader att visa i {log}."
LIST_STRUCK = "struken"
LIST_ERASED = "raderad"
LIST_REPLACED = "ersatt av rad {line}"
LIST_CSV_LINE = "rad"
LIST_HEADINGS = (
    "Rad",
    "Datum",
    "Typ",
    "Antal",
    "Plats",
    "Deltagare",
    "Taggar",
    "Beskrivning",
    "Registrerad",
)
LIST_NOTE = "✘ rad {line}: {words}"
LIST_BLOCK_HEADING = "Rad {line} · {date} · {type} · antal {count}"
LIST_TITLE = "{log}: {shown} av {total} rader"

# `lofte init --fran PERIOD`: a new period from the last
RENEWAL_EXISTS = "{path} finns redan; inget skrevs. Välj en annan --period."
RENEWAL_OVERLAPS = (
    "Perioden {stem} överlappar {old} ({name}); den nya perioden ska komma efter. "
    "Ange en senare --period. Inget skrevs."
)
RENEWAL_UNREADABLE = "Löftesfilen kan inte läsas som en YAML-mappning; rätta den först."
RENEWAL_SIGNING = "förra periodens ({old}) är borttaget; fyll i när de nya löftena är undertecknade"
RENEWAL_DONE = "Ny period {stem} för {kommun}, med löftena från {old}:"
RENEWAL_NEXT = (
    "Nästa steg: se över målen i {path} (de är kopierade från {old}) och kör 'lofte check'."
)

# --- Publishing: `lofte historik`, `lofte webb`, `lofte rapport --fragment` ----------------

# What changed in a promise between two versions of its file (`lofte historik`).
HISTORY_HEADING = "Ändringar i löftet"
HISTORY_BY = "av"
HISTORY_COMMIT = "version"
HISTORY_MESSAGE = "med kommentaren"
HISTORY_ADDED = "löftet lades till"
HISTORY_REMOVED = "löftet togs bort"
HISTORY_TEXT_CHANGED = "texten ändrad"
HISTORY_RUBRIK_CHANGED = "rubriken ändrad: {old} → {new}"
HISTORY_FIELD_CHANGED = "{field} {old} → {new}"
HISTORY_LOWERED = " (sänkt)"
HISTORY_NONE = "(inga)"
HISTORY_UNKNOWN_AUTHOR = "okänd"
HISTORY_UNKNOWN_DATE = "okänt datum"
HISTORY_ID_CHANGED = "id {old} → {new}"
HISTORY_YES_NO = {True: "ja", False: "nej"}
HISTORY_NO_CHANGES = (
    "Inga ändringar av löftenas mål, text eller rubrik i git-historiken för {path}."
)
HISTORY_TITLE = "Ändringar i {path} ({kommun}, {period}) enligt git, äldst först:"
HISTORY_SKIPPED = "Historiken för {path} kunde inte läsas ({detail}); sidan visas utan den."
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
SITE_CSV_LINK = "Öppna data: CSV"
SITE_EXCEL_LINK = "Öppna data: CSV för Excel"
SITE_PLAN_LINK = "Att göra: kalender att prenumerera på (iCalendar)"
SITE_TITLE = "Uppföljning av medborgarlöften"
SITE_PERIOD_LINK = "Uppföljning"
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
SITE_NAME_TAKEN = (
    "Webbplatsen skrivs inte: {first} och {second} skulle publiceras under samma namn "
    "({slug}), så den ena skulle ta den andras sidor. Inget skrevs. Se 'lofte check'."
)
SITE_NAME_REFUSED = (
    "Webbplatsen skrivs inte: kommunen i {path} kan inte publiceras. Inget skrevs. Se "
    "'lofte check'."
)
SITE_NO_PROMISES = "Repot har inga läsbara löftesfiler under promises/."
REPORT_HTML_ONLY = "--fragment och --historik finns bara för html: ta bort -f markdown."
REPORT_HTML_ONLY_SUFFIX = (
    "--fragment och --historik finns bara för html, och rapporten till {path} blir Markdown: "
    "skriv till en fil som slutar på .html, eller ange -f html."
)
REPORT_LEVEL_FRAGMENT_ONLY = (
    "--rubrikniva gäller bara med --fragment (en hel sida har sin egen h1)."
)

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
INSTALL_NOTE_CHECKOUT = (
    "Raden installerar lofte {version} från git-repot och incheckningen som den lokala "
    "katalogen som skrev filen är en klon av. För en nyare version: byt incheckningen efter "
    "@ mot en nyare (eller en tagg)."
)
INSTALL_NOTE_LOCAL = (
    "OBS: lofte {version} installerades här från en lokal katalog, som CI inte kommer åt, så "
    "raden pekar på paketindexet i stället. Byt den mot en adress CI når (se README.md, "
    "Installera lofte)."
)

# `lofte plan`: what is due next (judge/plan.py, render/plan_views.py).
PLAN_HEADING = "Att göra för {kommun}, {period}: läge per {day}"
PLAN_DUE = "{what} senast {day}"
PLAN_REMAINING = "(kvar för hela målet: {count})"
PLAN_ENDED = "Perioden är slut: inget kvar att planera."
PLAN_EMPTY = "Inget förfaller: alla löften är uppfyllda, löpande eller kan inte hamna efter."
PLAN_HEADERS = ("Senast", "Att göra", "Löfte", "Kvar")
PLAN_NOTHING_DUE: dict[str, str] = {
    "met": "uppfyllt",
    "ongoing": "pågår, löpande arbete",
    "missed": "ej uppfyllt: kan inte längre nås",
    "not_started": "löpande arbete, inget loggat ännu",
    "on_track": "kan inte hamna efter",
    "behind": "kan inte hamna efter",
}
PLAN_CALENDAR_NAME = "Medborgarlöften {kommun} {period}: att göra"
PLAN_EVENT_DESCRIPTION = (
    "Medborgarlöfte {id} ({kommun}, {period}). Kvar för hela målet: {remaining}. "
    "Loggas med lofte log insats."
)

# status, rapport, oversikt, webb: said in the output itself when rows were left out.
LEFT_OUT = (
    "Varning: {count} {rows} lämnades utanför eftersom de inte kunde läsas, så siffrorna "
    "kan vara för låga. Kör 'lofte check' för att se vilka."
)


def left_out_words(count: int) -> str:
    return LEFT_OUT.format(count=count, rows=rows_word(count))


# `lofte laga`: a log that holds its rows twice, repaired.
REPAIR_TEXTS: dict[str, str] = {
    "whole": "{log} har sina rader en gång; inget att laga.",
    "none_broken": "Ingen logg har sina rader två gånger; inget att laga.",
    "found": "{log}: {count} kopior av raderna: {parts}.",
    "kept": (
        "Behåller rad {first}–{last} ({dialect}) oförändrade: den kopian checkades in först "
        "({commit})."
    ),
    "kept_top": "Behåller rad {first}–{last} ({dialect}) oförändrade: kopian överst i filen.",
    "already": "{count} {rows} i den andra kopian finns redan bland dem.",
    "new": "{count} {rows} i den andra kopian saknas där och läggs till sist, en gång:",
    "would_add": "{count} {rows} i den andra kopian saknas där och skulle läggas till sist:",
    "new_row": "  rad {line}: {cells}",
    "changed": (
        "{count} {rows} i den andra kopian finns redan, men med celler som ett kalkylprogram "
        "ändrat, och läggs inte till (se efter att den behållna raden stämmer; är det en ny "
        "insats, logga den med 'lofte log insats'):"
    ),
    "changed_row": "  rad {line} är rad {kept_line} med {cells}",
    "changed_cell": "{column} '{kept}' → '{other}'",
    "done": "Lagad: {log}. Kör 'lofte check' och checka in ändringen.",
    "dry_run": "--torrkorning: inget skrevs.",
    "unreadable": "Rad {line} kan inte läsas som CSV ({error}); loggen lagas inte. Inget skrevs.",
    "not_a_log": "{log} är ingen logg i repot (en CSV-fil under logs/). Inget skrevs.",
}

COPY_COUNTS: dict[int, str] = {2: "två", 3: "tre", 4: "fyra"}
COPY_PART = "rad {first}–{last} ({dialect})"

# `lofte import insatser`: what it says about the rows (the refusals are in REFUSALS).
IMPORT_TEXTS: dict[str, str] = {
    "column_named": "Kolumnen '{heading}'",
    "formula_only": (
        "kolumnen '{heading}' har bara en formel, utan sparat värde. Öppna filen i Excel "
        "och spara den igen (då sparas värdet), eller skriv in värdet"
    ),
    "refused_row": "  {file} rad {number}: {message}",
    "missing_column": (
        "{log} saknar kolumnen '{column}', så värdet skulle inte sparas. Lägg till kolumnen "
        "i loggens rubrikrad, eller ta bort värdet ur arket"
    ),
    "written_row": "  rad {number} → {log}:{line}",
    "would_write_row": "  rad {number} → {log}: {cells}",
    "written": "Importerade {count} {rows} till {log}.",
    "would_write": "Skulle importera {count} {rows} till {log} (--torrkorning: inget skrevs).",
    "nothing_new": "Inga nya rader: alla {count} fanns redan i loggen.",
    "already": "{count} {rows} fanns redan i loggen och hoppades över.",
    "unused": "Kolumner som inte hör till loggen lästes inte: {columns}.",
    "refused_heading": (
        "{count} {rows} importerades inte (inget av dem skrevs; rätta i {file} och importera "
        "igen, redan importerade rader läggs inte till två gånger):"
    ),
    "refused_summary": "{count} {rows} i {file} kunde inte importeras.",
}


def rows_word(count: int) -> str:
    return "rad" if count == 1 else "rader"
