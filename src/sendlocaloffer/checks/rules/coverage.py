"""Rules about what the offer covers: provision categories, levels, provision outside the
area, and the Schedule 2 para 1 and 2 provider types."""

from __future__ import annotations

from collections.abc import Iterator

from ... import vocab
from ..registry import Context, Hit, rule

SCHEDULE_2 = "SEND Regulations 2014 Schedule 2"
#: Schedule 2 para 2 asks for provision outside the area by providers (a) to (g) of para 1:
#: every para 1 type except persons commissioned by the authority (h).
OUTSIDE_EXCLUDED = frozenset({"commissioned"})


def _unaccounted(ctx: Context, in_area: bool) -> Iterator[str]:
    """Schedule 2 provider types with no active service on this side of the boundary and no
    'Provision not available' entry saying so (para 2 leaves out commissioned providers)."""
    present = {s.provider_type for _, s in ctx.active_services if s.in_area is in_area}
    absent = {a.provider_type for a in ctx.offer.absent_provision if a.in_area is in_area}
    for code in vocab.get("provider-types").flagged("schedule2"):
        if code not in present and code not in absent and (in_area or code not in OUTSIDE_EXCLUDED):
            yield code


@rule(
    "coverage.category_missing", "error", "A statutory provision category has no active service",
    citation="Children and Families Act 2014 s30(2); SEND Regulations 2014 Schedule 2",
    why="The Local Offer must cover education, health and social care, training, travel, preparing for adulthood, "
        "advice and support, childcare, leisure, EHC assessment and complaints; a category with no service "
        "leaves families with nothing to find.",
    fix="Add the services of that category (or tag existing services with it under 'Provision categories').",
)
def category_missing(ctx: Context) -> Iterator[Hit]:
    categories = vocab.get("provision-categories")
    present = {c for _, s in ctx.active_services for c in s.provision_categories}
    for code in categories.flagged("statutory"):
        if code not in present:
            yield ("/services",
                   f"No active service is in the '{categories.label(code)}' category. Add its services or tag "
                   "existing ones with it.", code)


@rule(
    "coverage.level_missing", "warning", "No service at one level of provision",
    citation="SEND Code of Practice 0-25 (2015) 4.31",
    why="The offer should cover universal services open to everyone, targeted services for some, and specialist "
        "services for those with assessed needs.",
    fix="Add the missing level's services, or set 'Level' on the services you have.",
)
def level_missing(ctx: Context) -> Iterator[Hit]:
    levels = vocab.get("levels")
    present = {s.level for _, s in ctx.active_services}
    for code in levels.codes:
        if code not in present:
            yield ("/services", f"No active service is at the '{levels.label(code)}' level. Add such services or set "
                                "'Level' on existing ones.", code)


@rule(
    "coverage.out_of_area_missing", "error", "No provision outside the area",
    citation="Children and Families Act 2014 s30(1); SEND Regulations 2014 Schedule 2 para 2",
    why="The offer must include provision outside the council's area that it expects its children and young people "
        "to use, such as special schools and colleges in other boroughs; a national audit found 43% of offers "
        "listed none.",
    fix="Add the schools, colleges and services outside the area that your children use, with 'In the area' set to "
        "false.",
)
def out_of_area_missing(ctx: Context) -> Iterator[Hit]:
    if not any(not s.in_area for _, s in ctx.active_services):
        yield ("/services", "No active service is outside the council's area. Add the out-of-area schools, colleges "
                            "and services your children and young people use.", None)


@rule(
    "coverage.provider_type_missing", "error", "A Schedule 2 provider type is neither listed nor marked as none",
    citation=f"{SCHEDULE_2} para 1",
    why="The offer must describe the special educational provision of each kind of provider in the area: early "
        "years, maintained schools, academies, non-maintained special schools, post-16 and section 41 "
        "institutions, pupil referral units and commissioned providers.",
    fix="Add that kind of provider's services, or, when there is none in the area, add it under 'Provision not "
        "available' with the reason.",
)
def provider_type_missing(ctx: Context) -> Iterator[Hit]:
    types = vocab.get("provider-types")
    for code in _unaccounted(ctx, True):
        yield ("/absent_provision",
               f"The offer lists no '{types.label(code)}' in the area and does not say there is none. Add their "
               "services, or add the type under 'Provision not available' with the reason.", code)


@rule(
    "coverage.provider_type_missing_outside", "warning", "A Schedule 2 provider type outside the area is neither "
    "listed nor marked as none",
    citation=f"{SCHEDULE_2} para 2",
    why="The offer must describe provision outside the area by each kind of provider (a) to (g) of para 1 that the "
        "council expects its children and young people to use.",
    fix="Add the out-of-area providers of that kind your children use, or add the type under 'Provision not "
        "available' with 'In the area' false and the reason.",
)
def provider_type_missing_outside(ctx: Context) -> Iterator[Hit]:
    types = vocab.get("provider-types")
    for code in _unaccounted(ctx, False):
        yield ("/absent_provision",
               f"The offer lists no '{types.label(code)}' outside the area and does not say it uses none. Add "
               "them, or add the type under 'Provision not available' (not in the area) with the reason.", code)


@rule(
    "coverage.absent_contradicted", "warning", "Provision marked as none, but listed",
    citation=f"{SCHEDULE_2} paras 1 and 2",
    why="The offer says there is no provider of a kind, yet lists a service of that kind: one of the two is wrong "
        "and families cannot tell which.",
    fix="Remove the 'Provision not available' entry, or correct the services' provider type or 'In the area'.",
)
def absent_contradicted(ctx: Context) -> Iterator[Hit]:
    present = {(s.provider_type, s.in_area) for _, s in ctx.active_services}
    for i, a in enumerate(ctx.offer.absent_provision):
        if (a.provider_type, a.in_area) in present:
            where = "in the area" if a.in_area else "outside the area"
            yield (f"/absent_provision/{i}",
                   f"The offer says there is no provider of this kind {where} but lists an active service of that "
                   "kind there. Remove the entry or correct the service.", a.provider_type)


@rule(
    "coverage.independent_school_missing", "info", "No independent or non-maintained school listed",
    citation="SEND Regulations 2014 Schedule 2 paras 1(d) and 3; SEND Code of Practice 0-25 (2015) chapter 4 "
             "(comprehensive)",
    why="Families choosing a school named in an EHC plan need to know the independent and non-maintained special "
        "schools the council uses; a national audit found 45% of offers listed none.",
    fix="Add the independent and non-maintained special schools your children attend, in or outside the area.",
)
def independent_school_missing(ctx: Context) -> Iterator[Hit]:
    kinds = {"independent-school", "non-maintained-special-school", "s41-institution"}
    if not any(s.provider_type in kinds for _, s in ctx.active_services):
        yield ("/services", "The offer lists no independent school, non-maintained special school or section 41 "
                            "institution. Add those your children and young people attend.", None)
