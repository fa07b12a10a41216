"""Coverage of an offer's active services by need, age band and kind of provision.

A cell counts the active services (status ``active``) that serve one need row at one age band
within one scope: all provision, one provision category, one level, or provision in or outside
the area (Children and Families Act 2014 s30(1)). A cell with no service is a *gap*; a cell
whose services all come from one provider is a *risk*, since that provider closing would open
a gap. The council's duty to use the offer "to identify need and gaps in provision" is in the
SEND Code of Practice 0-25 (2015) chapter 4.

Need rows: each broad area of need (Code of Practice 6.28-6.35), followed by its school census
primary need codes, then the census codes under no broad area (OTH, NSA). A service counts in
a broad area's row when it names the area or any census code under it, and in a census code's
row when it names the code or the broad area it belongs to (a service for "social, emotional
and mental health" serves every census type in that area). A service that names no need is
open to all needs; it is counted in its own row, ``any``, and in no other unless
``open_counts_for_all`` is set, so that universal services do not hide a gap in provision for a
particular need.

Age bands (:data:`AGE_BANDS`) follow the phases of education: 0-4 early years, 5-10 primary,
11-15 secondary, 16-18 post-16, and 19-25, the years an EHC plan can continue into (Children
and Families Act 2014 s46). A service counts in every band its age range overlaps; a missing
minimum age is taken as 0 and a missing maximum as 25.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from uuid import UUID

from .. import vocab
from ..model import LocalOffer, Service

__all__ = ["AGE_BANDS", "ANY_NEED", "AgeBand", "Cell", "GapsReport", "NeedRow", "Table", "analyse_gaps"]

#: The code of the row of services that name no need (open to all needs).
ANY_NEED = "any"

_MIN_AGE, _MAX_AGE = 0, 25


@dataclass(frozen=True)
class AgeBand:
    """An inclusive range of ages in years."""

    low: int
    high: int
    phase: str

    @property
    def label(self) -> str:
        return f"{self.low}-{self.high}"

    def overlaps(self, low: int, high: int) -> bool:
        return low <= self.high and high >= self.low


AGE_BANDS: tuple[AgeBand, ...] = (
    AgeBand(0, 4, "Early years"),
    AgeBand(5, 10, "Primary"),
    AgeBand(11, 15, "Secondary"),
    AgeBand(16, 18, "Post-16"),
    AgeBand(19, 25, "Young adults"),
)


@dataclass(frozen=True)
class NeedRow:
    """A row of the coverage tables: a broad area of need, a census need code, or ``any``."""

    code: str
    label: str
    broad_area: str | None
    is_area: bool


@dataclass
class Cell:
    """The services serving one need at one age band within one scope."""

    services: list[UUID] = field(default_factory=list)
    providers: set[str] = field(default_factory=set)

    @property
    def count(self) -> int:
        return len(self.services)

    @property
    def provider_count(self) -> int:
        return len(self.providers)

    @property
    def status(self) -> str:
        """``gap`` (no service), ``risk`` (one provider) or ``ok``."""
        if not self.services:
            return "gap"
        return "risk" if len(self.providers) == 1 else "ok"


@dataclass
class Table:
    """Need rows by age band columns, for one scope of provision."""

    kind: str  # all, category, level or area
    code: str
    title: str
    cells: dict[tuple[str, str], Cell]

    @property
    def key(self) -> str:
        return self.kind if self.kind == "all" else f"{self.kind}:{self.code}"

    def cell(self, need: str, band: str) -> Cell:
        return self.cells[(need, band)]

    def gap_bands(self, need: str) -> list[str]:
        """The age bands at which ``need`` has no service in this table."""
        return [band for (n, band), c in self.cells.items() if n == need and not c.services]

    def with_status(self, status: str) -> list[tuple[str, str]]:
        """The (need, band) pairs whose cell has ``status``, in table order."""
        return [key for key, c in self.cells.items() if c.status == status]


@dataclass
class GapsReport:
    """Every coverage table of an offer, with the counts behind them."""

    title: str
    authority: str
    needs: tuple[NeedRow, ...]
    bands: tuple[AgeBand, ...]
    tables: list[Table]
    active: int
    excluded: dict[str, int]
    provider_names: dict[str, str]
    open_counts_for_all: bool

    @property
    def overall(self) -> Table:
        return self.tables[0]

    def table(self, key: str) -> Table:
        for t in self.tables:
            if t.key == key:
                return t
        raise KeyError(f"no coverage table {key!r}; known: {', '.join(t.key for t in self.tables)}")

    def need_label(self, code: str) -> str:
        return next(n.label for n in self.needs if n.code == code)

    def statuses(self) -> Iterator[tuple[Table, NeedRow, AgeBand, Cell]]:
        """Every cell of every table, in a stable order."""
        for t in self.tables:
            for n in self.needs:
                for b in self.bands:
                    yield t, n, b, t.cells[(n.code, b.label)]


def need_rows() -> tuple[NeedRow, ...]:
    """Broad areas each followed by their census codes, then codes under no area, then ``any``."""
    needs = vocab.get("needs")
    rows: list[NeedRow] = []
    for term in needs:
        if term.broader is None and needs.narrower(term.code):
            rows.append(NeedRow(term.code, term.label, None, True))
            rows.extend(NeedRow(c, needs.label(c), term.code, False) for c in needs.narrower(term.code))
    rows.extend(NeedRow(t.code, t.label, None, False) for t in needs if t.broader is None and not needs.narrower(t.code))
    rows.append(NeedRow(ANY_NEED, "Open to all needs (no need named)", None, False))
    return tuple(rows)


def rows_served(named: Iterable[str], rows: tuple[NeedRow, ...]) -> set[str]:
    """The need rows a service naming ``named`` counts in (see the module's docstring)."""
    names = set(named)
    if not names:
        return {ANY_NEED}
    served: set[str] = set()
    for row in rows:
        if row.code == ANY_NEED:
            continue
        if row.is_area:
            if row.code in names or any(r.broad_area == row.code and r.code in names for r in rows):
                served.add(row.code)
        elif row.code in names or (row.broad_area is not None and row.broad_area in names):
            served.add(row.code)
    return served


def bands_served(service: Service, bands: tuple[AgeBand, ...] = AGE_BANDS) -> list[AgeBand]:
    low = service.eligibility.min_age if service.eligibility.min_age is not None else _MIN_AGE
    high = service.eligibility.max_age if service.eligibility.max_age is not None else _MAX_AGE
    return [b for b in bands if b.overlaps(low, high)]


def _empty(rows: tuple[NeedRow, ...], bands: tuple[AgeBand, ...]) -> dict[tuple[str, str], Cell]:
    return {(n.code, b.label): Cell() for n in rows for b in bands}


def analyse_gaps(offer: LocalOffer, *, open_counts_for_all: bool = False) -> GapsReport:
    """Count the offer's active services into every coverage table (see the module docstring)."""
    rows = need_rows()
    bands = AGE_BANDS
    categories = vocab.get("provision-categories")
    levels = vocab.get("levels")
    tables = [Table("all", "", "All provision", _empty(rows, bands))]
    tables += [Table("category", t.code, t.label, _empty(rows, bands)) for t in categories]
    tables += [Table("level", t.code, f"{t.label} provision", _empty(rows, bands)) for t in levels]
    tables += [Table("area", "in", "Provision in the area", _empty(rows, bands)),
               Table("area", "out", "Provision outside the area", _empty(rows, bands))]
    by_key = {t.key: t for t in tables}
    all_rows = tuple(r.code for r in rows if r.code != ANY_NEED)
    org_names = {str(o.id): o.name for o in offer.organisations}
    provider_names: dict[str, str] = {}
    memo: dict[frozenset[str], set[str]] = {}
    excluded: dict[str, int] = {}
    active = 0
    for service in offer.services:
        if service.status != "active":
            excluded[service.status] = excluded.get(service.status, 0) + 1
            continue
        active += 1
        if service.organisation_id is not None:
            provider = str(service.organisation_id)
            provider_names[provider] = org_names.get(provider, provider)
        else:
            provider = f"service:{service.id}"
            provider_names[provider] = service.name
        named = frozenset(service.eligibility.needs)
        served = memo.get(named)
        if served is None:
            served = memo[named] = rows_served(named, rows)
            if open_counts_for_all and ANY_NEED in served:
                served = memo[named] = served | set(all_rows)
        scoped = [by_key["all"], by_key["area:in" if service.in_area else "area:out"]]
        scoped += [by_key[f"category:{c}"] for c in dict.fromkeys(service.provision_categories)]
        if service.level is not None:
            scoped.append(by_key[f"level:{service.level}"])
        for band in bands_served(service, bands):
            for need in served:
                key = (need, band.label)
                for t in scoped:
                    cell = t.cells[key]
                    cell.services.append(service.id)
                    cell.providers.add(provider)
    return GapsReport(
        title=offer.title,
        authority=offer.local_authority.name,
        needs=rows,
        bands=bands,
        tables=tables,
        active=active,
        excluded=dict(sorted(excluded.items())),
        provider_names=provider_names,
        open_counts_for_all=open_counts_for_all,
    )
