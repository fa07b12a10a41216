"""The HTML report: one self-contained page a council officer can open, save or email.

A summary comes first, then each file's findings by severity, each with its places, why it
matters and how to fix it. No script, no external resource (styles are inline), headings in
order, tables with headers, and colours with at least 4.5:1 contrast (WCAG 2.2 AA), so the
page works with a screen reader and passes automated accessibility checks.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from .findings import Finding, Report, Severity
from .registry import get_rule
from .render import by_code, place

__all__ = ["render_html"]

#: Places listed per group before "and N more", to keep the page small for huge offers.
MAX_PLACES = 200

_LABELS = {Severity.ERROR: ("Errors", "Error"), Severity.WARNING: ("Warnings", "Warning"),
           Severity.INFO: ("Advice", "Advice")}

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;line-height:1.5;color:#0b0c0c;background:#fff;margin:0}
header,main,footer{max-width:60rem;margin:0 auto;padding:0 1rem}
h1{font-size:1.8rem}h2{font-size:1.4rem;border-top:2px solid #505a5f;padding-top:.5rem}h3{font-size:1.2rem}h4{font-size:1.05rem;margin-bottom:.25rem}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #505a5f;padding:.3rem .5rem;text-align:left}
th{background:#f3f2f1}
.tag{display:inline-block;padding:0 .4rem;margin-right:.4rem;border-radius:3px;color:#fff;font-weight:700}
.error .tag,.result-bad{background:#a4001d;color:#fff}.warning .tag{background:#6b4400}.info .tag{background:#1d4f91}
.result-ok{background:#00703c;color:#fff}
article{border-left:5px solid #505a5f;padding:.25rem 0 .25rem .75rem;margin:1rem 0}
article.error{border-color:#a4001d}article.warning{border-color:#6b4400}article.info{border-color:#1d4f91}
dt{font-weight:700}dd{margin:0 0 .5rem 0}dd p{margin:.25rem 0}code{font-family:ui-monospace,Consolas,monospace;background:#f3f2f1;padding:0 .2rem;word-break:break-all}
.value{color:#383f43}
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _summary(reports: Sequence[Report]) -> list[str]:
    rows = []
    for n, report in enumerate(reports, 1):
        c = report.counts()
        result = ('<span class="tag result-ok">OK</span>' if report.ok
                  else '<span class="tag result-bad">Not OK</span>')
        rows.append(f'<tr><th scope="row"><a href="#file-{n}">{_e(report.file or "offer")}</a></th><td>{result}</td>'
                    f'<td>{c["error"]}</td><td>{c["warning"]}</td><td>{c["info"]}</td></tr>')
    failing = sum(1 for r in reports if not r.ok)
    return [
        '<section aria-labelledby="summary">',
        '<h2 id="summary">Summary</h2>',
        f"<p>{len(reports)} file{'s' if len(reports) != 1 else ''} checked: {len(reports) - failing} OK, "
        f"{failing} not OK. Errors must be fixed; warnings are likely problems; advice is worth a look.</p>",
        "<table>",
        "<caption>Findings by file and severity</caption>",
        '<thead><tr><th scope="col">File</th><th scope="col">Result</th><th scope="col">Errors</th>'
        '<th scope="col">Warnings</th><th scope="col">Advice</th></tr></thead>',
        "<tbody>", *rows, "</tbody>", "</table>", "</section>",
    ]


def _places(findings: list[Finding]) -> list[str]:
    out = ["<ul>"]
    for f in findings[:MAX_PLACES]:
        value = f' <span class="value">({_e(f.value)})</span>' if f.value else ""
        out.append(f"<li>{_e(place(f))}{value}</li>")
    if len(findings) > MAX_PLACES:
        out.append(f"<li>and {len(findings) - MAX_PLACES} more (the JSON report lists them all)</li>")
    out.append("</ul>")
    return out


def _report(n: int, report: Report) -> list[str]:
    out = [f'<section aria-labelledby="file-{n}">', f'<h2 id="file-{n}">{_e(report.file or "offer")}</h2>']
    groups = by_code(report)
    if not groups:
        out += ["<p>No problems found.</p>", "</section>"]
        return out
    for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        mine = [g for g in groups if g[1] is severity]
        if not mine:
            continue
        heading, tag = _LABELS[severity]
        sid = f"file-{n}-{severity.value}"
        total = sum(len(fs) for g in mine for _, fs in g[2])
        out += [f'<section aria-labelledby="{sid}">', f'<h3 id="{sid}">{heading} ({total})</h3>']
        for k, (code, _, messages) in enumerate(mine, 1):
            r = get_rule(code)
            gid = f"{sid}-{k}"
            count = sum(len(fs) for _, fs in messages)
            out += [
                f'<article class="{severity.value}" aria-labelledby="{gid}">',
                f'<h4 id="{gid}"><span class="tag">{tag}</span>{_e(r.title if r else code)} <code>{_e(code)}</code></h4>',
                "<dl>",
                f"<dt>What is wrong, and where ({count} place{'s' if count != 1 else ''})</dt>",
            ]
            for message, findings in messages:
                out += [f"<dd><p>{_e(message)}</p>", *_places(findings), "</dd>"]
            if r:
                out += [f"<dt>Why it matters</dt><dd>{_e(r.why)}</dd>", f"<dt>How to fix it</dt><dd>{_e(r.fix)}</dd>"]
            citation = messages[0][1][0].citation
            if citation:
                out.append(f"<dt>Source</dt><dd>{_e(citation)}</dd>")
            out += ["</dl>", "</article>"]
        out.append("</section>")
    out.append("</section>")
    return out


def render_html(reports: Sequence[Report]) -> str:
    """One self-contained HTML page for the reports: a summary, then each file's findings by
    severity with their places, why they matter and how to fix them."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>SEND Local Offer validation report</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        "<h1>SEND Local Offer validation report</h1>",
        "</header>",
        "<main>",
        *_summary(reports),
    ]
    for n, report in enumerate(reports, 1):
        parts += _report(n, report)
    parts += [
        "</main>",
        "<footer><p>Made by sendlocaloffer. Each finding names the regulation or standard it comes from.</p></footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"
