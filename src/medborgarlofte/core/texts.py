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


def units_noun(per: str, count: int) -> str:
    """ "1 av 1 vecka", "10 av 12 månader": the unit's name agreeing with the count."""
    return per if count == 1 else UNIT_PLURALS[per]


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

# Refusals of the command line's own input (CONTRACT §9).
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
NAME_WITH_CONTROL = "namnet innehåller styrtecken; byt namn på filen eller katalogen"
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
INIT_WRITE_FAILED = "Kunde inte skriva {rel}: {reason}. Redan skrivet: {done}."
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
    "promise_file_broken": (
        1,
        "Löftesfilen {path} har fel; rätta dem först (se 'lofte check').",
    ),
    "no_promise_files": (1, "Repot har inga läsbara löftesfiler under promises/."),
    # Finding the repo and the period a command names
    "no_promises_folder": (1, "Katalogen {folder} har ingen promises/-katalog."),
    "promises_outside": (1, "promises/ pekar utanför repot; lofte läser inte där."),
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
    "E063": (
        E,
        "Nyckeln '{key}' står två gånger i samma avsnitt (första gången på rad {first_line}).",
    ),
    # utom: days that carry no target (CONTRACT §5)
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
    # Promise files: what can never be met, or is silently wrong (CONTRACT §9)
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
    (r"<list\[str\]>", "<text>"),
    (r"<str>", "<text>"),
    (r"<int>", "<heltal>"),
    (r"<int range>", "<heltal>"),
    (r"\b(\d+)<=x<=(\d+)\b", r"\1–\2"),
    (r"\bx>=(\d+)\b", r"minst \1"),
    (r"\bx<=(\d+)\b", r"högst \1"),
    (r"<path>", "<fil>"),
    (r"<bool>", "<ja/nej>"),
    (r"\bINTEGER\b", "HELTAL"),
    (r"\bPATH\b", "FIL"),
    (r"\bFILE\b", "FIL"),
)
USAGE_ERROR_PREFIX = "Fel: "
USAGE_HELP_HINT = "Se '{command} {option}' för hjälp."
USAGE_ABORTED = "Avbrutet."
USAGE_ERROR_PHRASES: tuple[tuple[str, str], ...] = (
    (r"Missing option '([^']*)'( / '[^']*')*\.", r"Flaggan '\1' saknas."),
    (r"Missing argument '([^']*)'\.", r"Argumentet '\1' saknas."),
    (r"Missing parameter:? '?([^'.]*)'?\.?", r"Värdet '\1' saknas."),
    (r"Missing command\.", "Ett kommando saknas."),
    (r"No such command '([^']*)'\.", r"Okänt kommando '\1'."),
    (r"Did you mean (.*)\?", r"Menade du \1?"),
    (r"No such option: (\S+)", r"Okänd flagga: \1"),
    (r"\(Possible options: (.*)\)", r"(Menade du: \1?)"),
    (r"Got unexpected extra arguments? \((.*)\)", r"Oväntat extra argument: \1"),
    (r"Got unexpected extra argument\(s\) \((.*)\)", r"Oväntat extra argument: \1"),
    (r"Option '([^']*)' requires an argument\.", r"Flaggan '\1' behöver ett värde."),
    (r"Option '([^']*)' requires (\d+) arguments\.", r"Flaggan '\1' behöver \2 värden."),
    (r"Option '([^']*)' does not take a value\.", r"Flaggan '\1' tar inget värde."),
    (r"Invalid value for (.*?): ", r"Ogiltigt värde för \1: "),
    (r"Invalid value: ", "Ogiltigt värde: "),
    (r"Value error, ", ""),
    (r"'([^']*)' is not one of (.*)\.", r"'\1' är inte ett av \2."),
    (r"Value (.*) is not a valid (.*)\.", r"Värdet \1 är inte giltigt (\2)."),
    (r"Input should be a valid integer.*", "skriv ett heltal."),
    (r"Input should be greater than or equal to (\S+?)\.?$", r"skriv ett tal som är minst \1."),
    (r"Input should be less than or equal to (\S+?)\.?$", r"skriv ett tal som är högst \1."),
    (r"Input should be greater than (\S+?)\.?$", r"skriv ett tal större än \1."),
    (r"Input should be less than (\S+?)\.?$", r"skriv ett tal mindre än \1."),
    (r"Input should be a valid boolean.*", "skriv ja eller nej (true/false)."),
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
REPORT_UNKNOWN_SUFFIX = (
    "Okänd filändelse '{suffix}' i {path}: skriv .html eller .md, eller ange --format html "
    "eller --format markdown."
)

# `lofte status PERIOD ID --format …`: the detail view has a table and JSON.
DETAIL_FORMATS = (
    "Ett enskilt löfte visas som tabell eller json, inte {format}. Utan ID visas alla löften "
    "som {format}."
)

# Correcting the record: `lofte log lista`, `stryk`, `ratta`, `radera` (CONTRACT §6)
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
REWRITE_FAILED = "Kunde inte skriva om {log}: {error}. Loggen är oförändrad."
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
