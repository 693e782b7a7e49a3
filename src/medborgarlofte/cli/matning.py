"""Command line: `lofte log matning` and `lofte import kolada`: append indicator measurements."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from medborgarlofte.cli import complete
from medborgarlofte.cli.common import (
    DatumHelp,
    KommunOption,
    app,
    guarded,
    now_iso,
    parse_day_option,
    root_of,
    today,
)
from medborgarlofte.cli.log import NotPersonalNumberOption, _who, log_app
from medborgarlofte.core.texts import GENDER_WORDS, INDICATOR_TEXTS
from medborgarlofte.core.texts import KOLADA_TEXTS as TEXTS

import_app = typer.Typer(
    help="Läs in insatser från Excel eller ett formulär, eller mätningar från Kolada.",
    no_args_is_help=True,
)
app.add_typer(import_app, name="import")


@log_app.command("matning")
@guarded
def matning(
    ctx: typer.Context,
    indicator_id: Annotated[
        str,
        typer.Argument(metavar="ID", help="Indikatorns id.", autocompletion=complete.indicator_ids),
    ],
    value: Annotated[
        str,
        typer.Argument(
            metavar="VÄRDE",
            help="Värdet, med , eller . som decimaltecken (ett negativt värde efter --: -- -3).",
        ),
    ],
    datum: Annotated[
        str | None, typer.Option("--datum", help=DatumHelp + " Standard: idag.")
    ] = None,
    kalla: Annotated[str, typer.Option("--kalla", "--källa", help="Varifrån värdet kommer.")] = "",
    av: Annotated[str | None, typer.Option("--av", help="Vem som registrerar.")] = None,
    kommun: KommunOption = None,
    inte_personnummer: NotPersonalNumberOption = False,
) -> None:
    """Skriv en mätning av en indikator (till exempel anmälda brott ett år)."""
    from medborgarlofte.judge.indicators import judge_indicator
    from medborgarlofte.load.measurements import measurements_rel, read_for_append
    from medborgarlofte.write.logging_rows import refuse_personal_numbers, writable_path
    from medborgarlofte.write.measurements import (
        build_measurement,
        period_for_measurement,
        refuse_missing_columns,
    )

    if not inte_personnummer:
        refuse_personal_numbers({"--kalla": kalla, "--av": av or ""})
    root = root_of(ctx)
    real_today = today()
    day = parse_day_option(datum, "--datum", real_today) if datum else real_today
    promise_set = period_for_measurement(root, kommun, day, indicator_id)
    measurement = build_measurement(
        promise_set,
        indicator_id=indicator_id,
        value=value,
        day=day,
        today=real_today,
        source=kalla,
        registered_by=_who(av, root),
        registered=now_iso(),
    )
    rel = measurements_rel(promise_set)
    path = writable_path(root, rel)
    _, columns = read_for_append(root, promise_set, real_today)
    refuse_missing_columns(rel, columns, measurement.cells())
    line = _append(root, path, measurement.cells())
    print(INDICATOR_TEXTS["saved"].format(rel=rel, line=line))
    indicator = promise_set.indicator(measurement.indicator_id)
    assert indicator is not None
    measured, _ = read_for_append(root, promise_set, real_today)
    as_of = max(day, min(real_today, promise_set.period.end))
    _print_trend(judge_indicator(indicator, measured, as_of, promise_set.period.start))


def _append(root: Path, path: Path, cells: dict[str, str]) -> int | None:
    from medborgarlofte.core.model import MEASUREMENT_HEADER
    from medborgarlofte.write.append import append_row

    return append_row(path, cells, header=MEASUREMENT_HEADER, root=root)


def _print_trend(result: Any) -> None:
    from medborgarlofte.render.indicator_data import (
        baseline_words,
        change_words,
        measurement_words,
        trend_words,
    )

    print(
        INDICATOR_TEXTS["standing"].format(
            name=result.indicator.name,
            latest=measurement_words(result.latest),
            baseline=baseline_words(result),
            change=change_words(result),
            trend=trend_words(result),
        )
    )


@import_app.command("kolada")
@guarded
def kolada(
    ctx: typer.Context,
    file: Annotated[
        str, typer.Argument(metavar="FIL", help="Ett sparat svar från Koladas API v2 (JSON).")
    ],
    indikator: Annotated[
        str,
        typer.Option("--indikator", help="Indikatorns id.", autocompletion=complete.indicator_ids),
    ],
    kon: Annotated[
        str, typer.Option("--kon", "--kön", help="T (totalt, standard), K (kvinnor) eller M (män).")
    ] = "T",
    kommunkod: Annotated[
        str | None,
        typer.Option(
            "--kommunkod", help="Kommunens kod i Kolada. Standard: 'kolada' i löftesfilen."
        ),
    ] = None,
    av: Annotated[str | None, typer.Option("--av", help="Vem som registrerar.")] = None,
    kommun: KommunOption = None,
) -> None:
    """Läs in en indikators årsvärden från ett sparat svar från Kolada (ett värde per år,
    daterat 31 december); år som redan finns läses inte in igen."""
    from medborgarlofte.core.problems import LofteError
    from medborgarlofte.load.kolada import GENDERS, read_kolada_file
    from medborgarlofte.load.measurements import measurements_rel, read_for_append
    from medborgarlofte.write.logging_rows import writable_path
    from medborgarlofte.write.measurements import (
        kolada_rows,
        periods_with_indicator,
        plan_kolada_import,
        refuse_missing_columns,
    )

    root = root_of(ctx)
    real_today = today()
    gender = kon.strip().upper()
    if gender not in GENDERS:
        raise LofteError(TEXTS["bad_gender"].format(got=kon), 2)
    sets = periods_with_indicator(root, indikator, kommun)
    code = (kommunkod or "").strip() or sets[0].kolada
    if not code:
        raise LofteError(TEXTS["no_code"].format(path=sets[0].path))
    values = kolada_rows(read_kolada_file(Path(file), file), code, gender, file)
    who, registered = _who(av, root), now_iso()
    plans = []
    for promise_set in sets:
        indicator = promise_set.indicator(indikator)
        assert indicator is not None
        existing, columns = read_for_append(root, promise_set, real_today)
        plan = plan_kolada_import(
            promise_set,
            indicator,
            values,
            existing,
            today=real_today,
            gender=gender,
            registered_by=who,
            registered=registered,
            every_period=sets,
        )
        rel = measurements_rel(promise_set)
        path = writable_path(root, rel)
        for new in plan.new:
            refuse_missing_columns(rel, columns, new.cells())
        plans.append((promise_set, rel, path, plan, root))
    _write_plans(plans, code, gender, values)


def _write_plans(plans: list[Any], code: str, gender: str, values: list[Any]) -> None:
    """Append each period's new rows, then say what was read and what was skipped, and why."""
    years_in_some = set()
    added = 0
    for _, rel, path, plan, root in plans:
        lines = [_append(root, path, new.cells()) for new in plan.new]
        added += len(plan.new)
        years_in_some |= {v.year for v in values} - set(plan.outside)
        if plan.new:
            years = ", ".join(str(n.day.year) for n in plan.new)
            count = _count(len(plan.new), "one_value", "values")
            print(TEXTS["read"].format(rel=rel, line=lines[0], count=count, years=years))
        for skipped, key in ((plan.already, "already"), (plan.nulls, "nulls")):
            if skipped:
                print(TEXTS[key].format(years=_years(skipped)))
        if plan.future:
            print(TEXTS["future"].format(years=_years(plan.future)))
    outside = sorted({v.year for v in values} - years_in_some)
    if outside:
        periods = ", ".join(p.period.name for p, *_ in plans)
        print(TEXTS["outside"].format(periods=periods, years=_years(outside)))
    news = _count(added, "one_new", "new") if added else TEXTS["none_new"]
    print(TEXTS["summary"].format(code=code, gender=GENDER_WORDS[gender], news=news))


def _count(number: int, one: str, many: str) -> str:
    return TEXTS[one] if number == 1 else TEXTS[many].format(count=number)


def _years(years: list[int]) -> str:
    return ", ".join(str(y) for y in sorted(years))
