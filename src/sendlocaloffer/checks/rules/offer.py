"""Rules about the offer as a whole: feedback, access without internet, accessible formats,
the named contact, review, and the statutory information links."""

from __future__ import annotations

from collections.abc import Iterator

from ... import vocab
from ..registry import Context, Hit, rule

REG_56 = "SEND Regulations 2014 reg 56"
REG_57 = "SEND Regulations 2014 reg 57"


@rule(
    "offer.feedback_missing", "error", "No published feedback report",
    citation=REG_56,
    why="At least once a year the council must seek comments on its Local Offer and publish them with its response "
        "and the action it plans ('you said, we did').",
    fix="Add the latest comments-and-response report under 'Feedback reports', with the date it was published and "
        "where it is on the website.",
)
def feedback_missing(ctx: Context) -> Iterator[Hit]:
    if not ctx.offer.feedback_reports:
        yield ("/feedback_reports",
               "The offer has no feedback report. Publish the comments families made on the Local Offer and your "
               "response (reg 56), then add the report under 'Feedback reports'.", None)


@rule(
    "offer.feedback_stale", "error", "No feedback report published in the last 12 months",
    citation=f"{REG_56}(1) and (3)",
    why="Comments must be sought and published with the council's response at least annually, so the latest "
        "report must be less than a year old.",
    fix="Publish this year's 'you said, we did' report and add it with its publication date.",
)
def feedback_stale(ctx: Context) -> Iterator[Hit]:
    reports = ctx.offer.feedback_reports
    if not reports:
        return
    dated = [(r.published, i) for i, r in enumerate(reports) if r.published is not None]
    if not dated:
        yield ("/feedback_reports/0/published",
               "No feedback report says when it was published, so nobody can tell whether it is this year's. Add "
               "the publication date of each report.", None)
        return
    latest, i = max(dated)
    if ctx.older_than(latest, 12):
        yield (f"/feedback_reports/{i}/published",
               f"The latest feedback report was published more than 12 months before {ctx.as_of.isoformat()}. "
               "Seek comments on the offer again and publish them with your response (reg 56).", latest.isoformat())


@rule(
    "offer.feedback_no_response", "warning", "Feedback without the council's response",
    citation=f"{REG_56}(3)",
    why="The council must publish its response to the comments, including the action it plans to take, not "
        "only the comments.",
    fix="Fill in 'We did' for each 'You said' item (or give the response in the report's summary).",
)
def feedback_no_response(ctx: Context) -> Iterator[Hit]:
    for i, report in enumerate(ctx.offer.feedback_reports):
        if report.summary and report.summary.strip() and not report.items:
            continue
        for j, item in enumerate(report.items):
            if not (item.we_did and item.we_did.strip()):
                yield (f"/feedback_reports/{i}/items/{j}/we_did",
                       "A 'You said' item has no 'We did': publish what the council did or plans to do about it.",
                       item.you_said)
        if not report.items and not (report.summary and report.summary.strip()):
            yield (f"/feedback_reports/{i}",
                   "A feedback report has neither 'you said, we did' items nor a summary of the response. Add the "
                   "comments and the council's response.", report.title)


@rule(
    "offer.offline_access_missing", "error", "No way to get the offer without internet access",
    citation=f"{REG_57}(b)",
    why="The council must say how people without internet access can get the information in the Local Offer.",
    fix="Fill in 'Without internet': for example, that the offer is sent by email or post, or available in print "
        "at named places, and the phone number to ask.",
)
def offline_access_missing(ctx: Context) -> Iterator[Hit]:
    if not (ctx.offer.offline_access and ctx.offer.offline_access.strip()):
        yield ("/offline_access",
               "The offer does not say how people without internet access can get it. Fill in 'Without internet' "
               "(reg 57(b)).", None)


@rule(
    "offer.accessibility_statement_missing", "warning", "No statement of how different groups can access the offer",
    citation=f"{REG_57}(c)",
    why="The council must say how different groups, disabled people included, can access the Local Offer.",
    fix="Fill in 'Accessibility statement': the accessibility standard the website meets and the formats and "
        "interpreters people can ask for.",
)
def accessibility_statement_missing(ctx: Context) -> Iterator[Hit]:
    if not (ctx.offer.accessibility_statement and ctx.offer.accessibility_statement.strip()):
        yield ("/accessibility_statement",
               "The offer does not say how disabled people and other groups can access it. Fill in the "
               "'Accessibility statement' (reg 57(c)).", None)


@rule(
    "offer.accessible_formats_missing", "warning", "No document in easy read or British Sign Language",
    citation=f"{REG_57}(c); SEND Code of Practice 0-25 (2015) chapter 4 (accessible)",
    why="Families who cannot read standard English need the key documents, such as the SEND strategy, in easy "
        "read and British Sign Language.",
    fix="Add easy-read and BSL versions of the SEND strategy (or another key document) under its 'Accessible "
        "versions'.",
)
def accessible_formats_missing(ctx: Context) -> Iterator[Hit]:
    formats = {v.format for d in ctx.offer.documents for v in d.accessible_versions}
    missing = [f for f in ("easy-read", "bsl") if f not in formats]
    if missing:
        labels = " and ".join(vocab.get("accessible-formats").label(f) for f in missing)
        yield ("/documents",
               f"No document of the offer has a version in {labels}. Add accessible versions of the SEND strategy "
               "or another key document.", ", ".join(missing))


@rule(
    "offer.contact_missing", "warning", "No named contact for the offer",
    citation="SEND Code of Practice 0-25 (2015) chapter 4 (transparent)",
    why="Families and providers need someone to ask about the Local Offer itself and to report mistakes to; a "
        "national audit found only 3% of offers gave one.",
    fix="Fill in 'Offer contact' with a team or role, an email address and a phone number.",
)
def contact_missing(ctx: Context) -> Iterator[Hit]:
    contact = ctx.offer.contact
    if contact is None:
        yield ("/contact", "The offer has no named contact. Add a team or role with an email address and phone "
                           "number under 'Offer contact'.", None)
    elif not (contact.email or contact.phones):
        yield ("/contact", "The offer's contact has no email address or phone number. Add at least one.",
               contact.name or contact.role)


@rule(
    "offer.review_stale", "warning", "Offer not reviewed in the last 12 months",
    citation="Children and Families Act 2014 s30(9); SEND Code of Practice 0-25 (2015) chapter 4 (up to date)",
    why="The council must keep its Local Offer under review; a review date more than a year old suggests it is out "
        "of date.",
    fix="Review the offer with families and providers and set 'Last reviewed' to the date you finished.",
)
def review_stale(ctx: Context) -> Iterator[Hit]:
    reviewed = ctx.offer.last_reviewed
    if reviewed is None:
        yield ("/last_reviewed", "The offer does not say when it was last reviewed. Fill in 'Last reviewed'.", None)
    elif ctx.older_than(reviewed, 12):
        yield ("/last_reviewed",
               f"The offer was last reviewed more than 12 months before {ctx.as_of.isoformat()}. Review it and update "
               "'Last reviewed'.", reviewed.isoformat())


@rule(
    "offer.website_missing", "warning", "No web address for the offer",
    citation=f"{REG_57}(a)",
    why="The Local Offer must be published on the council's website.",
    fix="Fill in the offer's 'Website' with the address of its home page.",
)
def website_missing(ctx: Context) -> Iterator[Hit]:
    if ctx.offer.website is None:
        yield ("/website", "The offer does not give the web address where it is published. Fill in 'Website'.", None)


@rule(
    "offer.statutory_link_missing", "error", "Statutory information missing",
    citation="SEND Regulations 2014 reg 53 and Schedule 2; SEND Code of Practice 0-25 (2015) chapter 4",
    why="The offer must tell families how to request an EHC needs assessment, complain, use mediation, appeal to "
        "the Tribunal, reach SENDIASS, and where the short breaks statement, travel policy, personal budgets "
        "policy and section 41 list are.",
    fix="Add a link under 'Statutory information' for each topic named, with the page's address.",
)
def statutory_link_missing(ctx: Context) -> Iterator[Hit]:
    topics = vocab.get("statutory-topics")
    present = {link.topic for link in ctx.offer.statutory_links}
    for code in topics.flagged("required"):
        if code not in present:
            yield ("/statutory_links",
                   f"The offer has no link for '{topics.label(code)}'. Add one under 'Statutory information'.", code)
