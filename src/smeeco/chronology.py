"""What happened when: documents issued, measures in and out of force, reorganisations,
indicator observations and targets — and each agency's responsibility load over time.

>>> import smeeco
>>> events = smeeco.timeline(smeeco.load("example"))
>>> [(str(e.date), e.event, e.record) for e in events][3]
('2022-06-18', 'issued', 'ex-2022-measures')
>>> events[-1].text  # 300, not 3: trailing zeros of whole numbers stay
'市级专精特新中小企业数: 300 家 by 2025-12-31'
>>> [(str(e.date), e.event) for e in events if e.record == "ex-old-regulator"]
[('2018-11-01', 'established'), ('2023-07-19', 'reorganised')]
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path
from typing import Any

import attrs

from smeeco.ecosystem import Ecosystem
from smeeco.errors import ExportError, InvalidValueError
from smeeco.model import Agency, Money, PolicyDocument

__all__ = ["TimelineEvent", "draw_load", "responsibility_load", "timeline"]

#: Order of events on one day: what starts before what depends on it.
_ORDER = {
    "issued": 0,
    "in force": 1,
    "established": 2,
    "reorganised": 3,
    "ended": 4,
    "out of force": 5,
    "observed": 6,
    "target set": 7,
    "target due": 8,
}


@attrs.frozen
class TimelineEvent:
    """One dated event: what happened (``event``) to which record, in words."""

    date: dt.date
    event: str  # one of the keys of the order above
    kind: str  # the record kind
    record: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready values."""
        return {
            "date": self.date.isoformat(),
            "event": self.event,
            "kind": self.kind,
            "record": self.record,
            "text": self.text,
        }


def _value(value: Any) -> str:
    if isinstance(value, Money):
        return str(value)
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def timeline(
    eco: Ecosystem, *, start: dt.date | str | None = None, end: dt.date | str | None = None
) -> tuple[TimelineEvent, ...]:
    """Every dated event of ``eco``, by date (``start`` and ``end`` keep a span, inclusive).

    A measure's or document's validity gives "in force" and "out of force" events (the
    last day in force); an agency that ends with successors is "reorganised" on its last
    day, naming who takes over; indicators give "observed", "target set" and "target
    due" events with their values.
    """
    low = _day(start, "start")
    high = _day(end, "end")
    events: list[TimelineEvent] = []

    def add(day: dt.date | None, event: str, kind: str, record: str, text: str) -> None:
        if day is None or (low is not None and day < low) or (high is not None and day > high):
            return
        events.append(TimelineEvent(day, event, kind, record, text))

    for d in eco.documents:
        title = d.label()
        add(d.issued, "issued", d.kind, d.id, f"{title} {d.number}".strip())
        if d.valid.start is not None and d.valid.start != d.issued:
            add(d.valid.start, "in force", d.kind, d.id, title)
        add(d.valid.end, "out of force", d.kind, d.id, title)
    for m in eco.measures:
        label = f"{m.number or m.ordinal} {m.label()} ({m.document})"
        add(m.valid.start, "in force", m.kind, m.id, label)
        add(m.valid.end, "out of force", m.kind, m.id, label)
    for a in eco.agencies:
        add(a.valid.start, "established", a.kind, a.id, a.label())
        if a.valid.end is not None:
            if a.successors:
                heirs = "、".join(
                    (eco.get(s, Agency) or a).label() if s in eco else s for s in a.successors
                )
                add(a.valid.end, "reorganised", a.kind, a.id, f"{a.label()} → {heirs}")
            else:
                add(a.valid.end, "ended", a.kind, a.id, a.label())
    for ind in eco.indicators:
        unit = ind.unit_zh or ind.unit.value

        def amount(value: Any, unit: str = unit) -> str:
            # money already says 万元/亿元; other figures get their counting word
            return _value(value) if isinstance(value, Money) else f"{_value(value)} {unit}"

        for o in ind.observations:
            add(o.date, "observed", ind.kind, ind.id, f"{ind.label()}: {amount(o.value)}")
        for t in ind.targets:
            text = f"{ind.label()}: {amount(t.value)} by {t.by}"
            add(t.set_on, "target set", ind.kind, ind.id, text)
            add(t.by, "target due", ind.kind, ind.id, text)
    events.sort(key=lambda e: (e.date, _ORDER[e.event], e.record))
    return tuple(events)


def _day(value: dt.date | str | None, what: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidValueError(
            f"bad {what} date {value!r}: write it as YYYY-MM-DD", what
        ) from None


def _change_days(eco: Ecosystem) -> list[dt.date]:
    days: set[dt.date] = set()
    for record in (*eco.documents, *eco.measures, *eco.agencies):
        if record.valid.start is not None:
            days.add(record.valid.start)
        if record.valid.end is not None:
            days.add(record.valid.end + dt.timedelta(days=1))
        if isinstance(record, PolicyDocument) and record.issued is not None:
            days.add(record.issued)
    return sorted(days)


def responsibility_load(eco: Ecosystem) -> tuple[tuple[dt.date, ...], dict[str, list[int]]]:
    """How many measures in force each agency holds, on every day the answer can change.

    Returns the days and, per agency id, its count on each day (responsibilities of a
    reorganised unit count for its successor from the day after it ends).
    """
    days = tuple(_change_days(eco))
    load: dict[str, list[int]] = defaultdict(lambda: [0] * len(days))
    for i, day in enumerate(days):
        view = eco.at(day)
        for m in view.measures:
            for unit in dict.fromkeys(m.units):
                load[unit][i] += 1
    return days, dict(load)


def draw_load(eco: Ecosystem, path: str | Path, *, top: int = 12, lang: str = "zh") -> Path:
    """Draw each agency's responsibility load over time as steps (``.svg`` or ``.png``).

    The ``top`` busiest agencies get a line each; the picture is refused when no measure
    is ever in force on a dated day.
    """
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in ("svg", "png", "pdf"):
        raise ExportError(f"a timeline picture is .svg, .png or .pdf, not {path.suffix!r}")
    if not path.parent.exists():
        raise ExportError(f"folder {str(path.parent)!r} does not exist; create it first")
    days, load = responsibility_load(eco)
    if not days or not any(max(v) for v in load.values()):
        raise ExportError(
            "nothing to draw: no measure of this pack is in force on any dated day"
        )
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise ExportError(
            "pictures need matplotlib; install it with: pip install 'smeeco[render]'"
        ) from None
    from smeeco.render.pictures import find_cjk_font

    family = find_cjk_font() if lang == "zh" else None
    busiest = sorted(load, key=lambda u: (-max(load[u]), -sum(load[u]), u))[:top]
    xs = [*days, days[-1] + dt.timedelta(days=365)]  # the last state, drawn for a year
    with plt.rc_context(
        {
            "font.family": "sans-serif",
            "font.sans-serif": [*([family] if family else []), "DejaVu Sans"],
            "svg.hashsalt": "smeeco",
            "svg.fonttype": "path",
        }
    ):
        fig, ax = plt.subplots(figsize=(11, 6), dpi=110)
        colours = plt.get_cmap("tab20").colors  # type: ignore[attr-defined]
        styles = ("-", "--", "-.", ":")
        for n, unit in enumerate(busiest):
            agency = eco.get(unit, Agency)
            name = agency.label(lang if family or lang == "en" else "en") if agency else unit
            counts = load[unit]
            ax.step(
                xs,  # type: ignore[arg-type]
                [*counts, counts[-1]],
                where="post",
                label=name,
                linewidth=1.8,
                color=colours[(2 * n) % 20 if n < 10 else (2 * n + 1) % 20],
                linestyle=styles[n % len(styles)],
            )
        ax.set_ylabel("负责措施数" if lang == "zh" and family else "measures in force held")
        zh = lang == "zh" and family is not None
        title = eco.packs[-1].title if eco.packs and zh else eco.name
        subtitle = " — 各单位负责的有效措施数" if zh else " — responsibility load over time"
        ax.set_title(title + subtitle)
        ax.grid(True, alpha=0.3)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
        fig.autofmt_xdate()
        fig.tight_layout()
        metadata = {"Date": None} if fmt in ("svg", "pdf") else {"Software": None}
        fig.savefig(path, format=fmt, metadata=metadata)
        plt.close(fig)
    return path
