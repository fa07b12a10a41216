"""The HSDS Tabular Data Package: a folder of CSV tables (``services.csv``, ``locations.csv``...)
and a ``datapackage.json`` describing them, in the layout of HSDS 3.1 (or 3.0).

Written from the same feed as the JSON format, flattened: each nested record becomes a row
of its table with the id of the record it belonged to (``service_id``, ``location_id``,
``link_id`` for attributes). What a table has no column for (the ``sendlocaloffer`` blocks
of the JSON feed) travels as an ``attributes`` row whose taxonomy term is the library's
*extension* term and whose ``value`` is that block as JSON, so a round trip gives the same
model. Read back by joining the tables into the JSON feed's shape and reading that.
"""

from __future__ import annotations

import csv
import gc
import io
import json
import os
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any

from .._io import DEFAULT_MAX_BYTES, Source, Target, atomic_path, display_name, read_bytes
from ..checks.findings import Finding, Severity, SourceLocation
from ..errors import FormatError, ReadError
from ..model import LocalOffer
from ._hsds_common import BLOCK, VOCAB_BASE
from ._hsds_read import FeedReader, build
from ._hsds_write import build_feed
from .base import ReadResult

__all__ = ["EXTENSION_TERM_ID", "TABLES", "datapackage", "from_tables", "read", "tables", "write"]

# The HSDS 3.1 tables: name, file, fields (name:type, * required, ! unique, ~ uuid) and
# foreign keys (field>resource), in the order of the standard's datapackage.json.
_SPEC: tuple[tuple[str, str, str, str], ...] = (
    ("organization", "organizations.csv", "id:string*!~,name:string*,alternate_name:string,description:string*,email:string,website:string,tax_status:string,tax_id:string,year_incorporated:number,legal_status:string,logo:string,uri:string,parent_organization_id:string~", ""),
    ("program", "programs.csv", "id:string*!~,organization_id:string*!~,name:string*,alternate_name:string,description:string*", "organization_id>organization"),
    ("service", "services.csv", "id:string*!~,organization_id:string*~,program_id:string~,name:string*,alternate_name:string,description:string,url:string,email:string,status:string*,interpretation_services:string,application_process:string,fees_description:string,wait_time:string,fees:string,accreditations:string,eligibility_description:string,minimum_age:number,maximum_age:number,assured_date:date,assurer_email:string,licenses:string,alert:string,last_modified:datetime", "organization_id>organization,program_id>program"),
    ("attribute", "attributes.csv", "id:string*!~,link_id:string*~,taxonomy_term_id:string*~,link_type:string,link_entity:string*,value:string,label:string", "taxonomy_term_id>taxonomy_term"),
    ("service_at_location", "service_at_location.csv", "id:string*!~,service_id:string*~,location_id:string*~,description:string", "service_id>service,location_id>location"),
    ("location", "locations.csv", "id:string*!~,location_type:string*,url:string,organization_id:string~,name:string,alternate_name:string,description:string,transportation:string,latitude:number,longitude:number,external_identifier:string,external_identifier_type:string", "organization_id>organization"),
    ("phone", "phones.csv", "id:string*!~,location_id:string~,service_id:string~,organization_id:string~,contact_id:string~,service_at_location_id:string~,number:string*,extension:number,type:string,description:string", "contact_id>contact,location_id>location,organization_id>organization,service_id>service,service_at_location_id>service_at_location"),
    ("contact", "contacts.csv", "id:string*!~,organization_id:string~,service_id:string~,service_at_location_id:string~,location_id:string~,name:string,title:string,department:string,email:string", "location_id>location,organization_id>organization,service_id>service,service_at_location_id>service_at_location"),
    ("address", "addresses.csv", "id:string*!~,location_id:string~,attention:string,address_1:string*,address_2:string,city:string*,region:string,state_province:string*,postal_code:string*,country:string*,address_type:string*", "location_id>location"),
    ("schedule", "schedules.csv", "id:string*!~,service_id:string~,location_id:string~,service_at_location_id:string~,valid_from:date,valid_to:date,dtstart:date,timezone:number,until:date,count:number,wkst:string,freq:string,interval:number,byday:string,byweekno:string,bymonthday:string,byyearday:string,description:string,opens_at:time,closes_at:time,schedule_link:string,attending_type:string,notes:string", "location_id>location,service_id>service,service_at_location_id>service_at_location"),
    ("funding", "funding.csv", "id:string*!~,organization_id:string~,service_id:string~,source:string", "organization_id>organization,service_id>service"),
    ("service_area", "service_areas.csv", "id:string*!~,service_id:string~,service_at_location_id:string~,name:string,description:string,extent:string,extent_type:string,uri:string", "service_id>service,service_at_location_id>service_at_location"),
    ("required_document", "required_documents.csv", "id:string*!~,service_id:string~,document:string,uri:string", "service_id>service"),
    ("language", "languages.csv", "id:string*!~,service_id:string~,location_id:string~,phone_id:string~,name:string,code:string,note:string", "location_id>location,phone_id>phone,service_id>service"),
    ("accessibility", "accessibility.csv", "id:string*!~,location_id:string~,description:string,details:string,url:string", "location_id>location"),
    ("taxonomy_term", "taxonomy_terms.csv", "id:string*!~,code:string!,name:string*,description:string*,parent_id:string~,taxonomy:string,language:string,taxonomy_id:string~,term_uri:string", "taxonomy_id>taxonomy"),
    ("metadata", "metadata.csv", "id:string*!~,resource_id:string*~,resource_type:string*,last_action_date:date*,last_action_type:string*,field_name:string*,previous_value:string*,replacement_value:string*,updated_by:string*", ""),
    ("meta_table_description", "meta_table_descriptions.csv", "id:string*!~,name:string,language:string,character_set:string", ""),
    ("cost_option", "cost_options.csv", "id:string*!~,service_id:string*~,valid_from:date,valid_to:date,option:string,currency:string,amount:number,amount_description:string", "service_id>service"),
    ("organization_identifier", "organization_identifiers.csv", "id:string*!~,organization_id:string*~,identifier_scheme:string,identifier_type:string*,identifier:string*", "organization_id>organization"),
    ("taxonomy", "taxonomies.csv", "id:string*!~,name:string*,description:string*,uri:string,version:string", ""),
    ("service_capacity", "service_capacity.csv", "service_id:string*~,unit_id:string*~", "service_id>service,unit_id>unit"),
    ("unit", "units.csv", "", ""),
    ("url", "url.csv", "id:string*!~,label:string,url:string*,organization_id:string~,service_id:string~", "organization_id>organization,service_id>service"),
)
# HSDS 3.0 has neither the last three tables nor these two columns.
_ONLY_31_TABLES = frozenset({"service_capacity", "unit", "url"})
_ONLY_31_COLUMNS = {"attribute": "label", "service_area": "service_at_location_id"}

#: The term whose attributes carry, as JSON in ``value``, what a table has no column for.
EXTENSION_TERM_ID = str(uuid.uuid5(uuid.NAMESPACE_URL, VOCAB_BASE + "sendlocaloffer/extension"))
_EXTENSION_TAXONOMY_ID = str(uuid.uuid5(uuid.NAMESPACE_URL, VOCAB_BASE + "sendlocaloffer"))
_EXTENSION_TERM = {
    "id": EXTENSION_TERM_ID, "code": "sendlocaloffer-extension", "name": "sendlocaloffer extension",
    "description": "The value holds, as JSON, the fields of the linked record that no column of this table holds.",
    "taxonomy": "sendlocaloffer", "taxonomy_id": _EXTENSION_TAXONOMY_ID, "term_uri": VOCAB_BASE + "sendlocaloffer/extension",
}
_EXTENSION_TAXONOMY = {"id": _EXTENSION_TAXONOMY_ID, "name": "sendlocaloffer",
                       "description": "Fields of a Local Offer that HSDS tables have no column for.", "uri": VOCAB_BASE + "sendlocaloffer"}

_TYPES = {"string": "string", "number": "number", "date": "date", "datetime": "datetime", "time": "time"}


def _fields(spec: str) -> list[tuple[str, str, bool, bool, bool]]:
    out = []
    for part in filter(None, spec.split(",")):
        name, _, rest = part.partition(":")
        kind = rest.rstrip("*!~")
        out.append((name, kind, "*" in rest, "!" in rest, "~" in rest))
    return out


def tables(hsds_version: str = "3.1") -> dict[str, tuple[str, list[str]]]:
    """``{table: (file name, [column, ...])}`` in the standard's order."""
    out = {}
    for name, path, spec, _ in _SPEC:
        if hsds_version == "3.0" and name in _ONLY_31_TABLES:
            continue
        cols = [f[0] for f in _fields(spec) if not (hsds_version == "3.0" and _ONLY_31_COLUMNS.get(name) == f[0])]
        out[name] = (path, cols)
    return out


TABLES = tables("3.1")


def datapackage(hsds_version: str = "3.1") -> dict[str, Any]:
    """The ``datapackage.json`` of a package in the HSDS layout."""
    resources = []
    keep = tables(hsds_version)
    for name, path, spec, fks in _SPEC:
        if name not in keep:
            continue
        fields = []
        for fname, kind, required, unique, is_uuid in _fields(spec):
            if fname not in keep[name][1]:
                continue
            field: dict[str, Any] = {"name": fname, "type": _TYPES[kind]}
            if is_uuid:
                field["format"] = "uuid"
            field["constraints"] = {"required": required, "unique": unique}
            fields.append(field)
        schema: dict[str, Any] = {"primaryKey": "id", "fields": fields}
        keys = [{"fields": f, "reference": {"resource": r, "fields": "id"}}
                for f, r in (fk.split(">") for fk in filter(None, fks.split(",")))]
        if keys:
            schema["foreignKeys"] = keys
        resources.append({"name": name, "path": path, "format": "csv", "mediatype": "text/csv",
                          "profile": "tabular-data-resource", "schema": schema})
    return {
        "name": "human_services_data",
        "title": "Human Services Data Specification",
        "profile": "tabular-data-package",
        "version": f"{hsds_version}.0",
        "homepage": "http://docs.openreferral.org",
        "resources": resources,
    }


# -- writing ----------------------------------------------------------------------------------


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return repr(value)
    return str(value)


class _Rows:
    def __init__(self, hsds_version: str) -> None:
        self.layout = tables(hsds_version)
        self.rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.seen: dict[str, set[str]] = defaultdict(set)

    def add(self, table: str, record: dict[str, Any], block: dict[str, Any] | None = None, entity: str | None = None,
            nested: frozenset[str] = frozenset(), **links: Any) -> None:
        """A row from a record's scalar fields; anything the table has no column for is kept
        in the record's extension block."""
        rid = str(record.get("id"))
        if rid in self.seen[table]:
            return
        self.seen[table].add(rid)
        cols = self.layout[table][1]
        row = {k: v for k, v in links.items() if v is not None}
        extra: dict[str, Any] = {}
        for key, value in record.items():
            if key in nested:
                continue
            if key in cols and not isinstance(value, (dict, list)):
                row[key] = value
            else:
                extra[key] = value
        if block is not None or extra:
            merged = dict(block or {})
            if extra:
                merged["extensions"] = {**extra, **merged.get("extensions", {})}
            self.extension(rid, entity or table, merged)
        self.rows[table].append(row)

    def extension(self, link_id: str, entity: str, value: Any) -> None:
        self.rows["attribute"].append({
            "id": str(uuid.uuid5(uuid.UUID(link_id), "hsds:extension")), "link_id": link_id,
            "taxonomy_term_id": EXTENSION_TERM_ID, "link_entity": entity,
            "value": json.dumps(value, ensure_ascii=False, separators=(",", ":")),
        })
        if EXTENSION_TERM_ID not in self.seen["taxonomy_term"]:
            self.add("taxonomy_term", _EXTENSION_TERM)
            self.add("taxonomy", _EXTENSION_TAXONOMY)


_NESTED = {
    "service": frozenset({"phones", "contacts", "schedules", "service_areas", "service_at_locations", "languages",
                          "cost_options", "attributes", "organization"}),
    "organization": frozenset({"phones", "organization_identifiers", "attributes"}),
    "location": frozenset({"addresses", "accessibility", "attributes"}),
}


def _attributes(rows: _Rows, record: dict[str, Any], entity: str) -> None:
    for attr in record.get("attributes", ()):
        rows.add("attribute", attr, nested=frozenset({"taxonomy_term"}), link_id=record["id"], link_entity=entity)


def _location(rows: _Rows, loc: dict[str, Any]) -> None:
    lid = loc["id"]
    if lid in rows.seen["location"]:
        return
    block = loc.get(BLOCK)
    rows.add("location", {k: v for k, v in loc.items() if k != BLOCK}, block, "location", _NESTED["location"])
    for addr in loc.get("addresses", ()):
        rows.add("address", addr, location_id=lid)
    for acc in loc.get("accessibility", ()):
        rows.add("accessibility", acc, location_id=lid)
    _attributes(rows, loc, "location")


def _organisation(rows: _Rows, org: dict[str, Any]) -> None:
    oid = org["id"]
    if oid in rows.seen["organization"]:
        return
    rows.add("organization", {k: v for k, v in org.items() if k != BLOCK}, org.get(BLOCK), "organization", _NESTED["organization"])
    for phone in org.get("phones", ()):
        rows.add("phone", phone, organization_id=oid)
    for ident in org.get("organization_identifiers", ()):
        rows.add("organization_identifier", ident, organization_id=oid)


def _flatten(offer: LocalOffer, hsds_version: str) -> _Rows:
    feed = build_feed(offer, profile="hsds", hsds_version=hsds_version)
    rows = _Rows(hsds_version)
    for tax in feed["taxonomies"]:
        rows.add("taxonomy", tax)
    # The standard makes a term's code unique across the package: a code used again (by
    # another taxonomy) is left out of the table, and the services using it keep their terms
    # in their extension block.
    codes: set[str] = set()
    blanked: set[str] = set()
    for term in feed["taxonomy_terms"]:
        code = term.get("code")
        if code in codes:
            term = {k: v for k, v in term.items() if k != "code"}
            blanked.add(term["id"])
        elif code is not None:
            codes.add(code)
        rows.add("taxonomy_term", term)
    for org in feed["organizations"]:
        _organisation(rows, org)
    for loc in feed["locations"]:
        _location(rows, loc)
    for svc, model in zip(feed["contents"], offer.services, strict=True):
        sid = svc["id"]
        block = dict(svc.get(BLOCK) or {})
        if blanked and any(a["taxonomy_term"]["id"] in blanked or a["taxonomy_term"].get("parent_id") in blanked
                           for a in svc.get("attributes", ())):
            block["taxonomy_terms"] = [t.model_dump(mode="json", exclude_defaults=True) for t in model.taxonomy_terms]
        scalars = {k: v for k, v in svc.items() if k != BLOCK}
        rows.add("service", scalars, block or None, "service", _NESTED["service"])
        for phone in svc.get("phones", ()):
            rows.add("phone", phone, service_id=sid)
        for contact in svc.get("contacts", ()):
            rows.add("contact", contact, nested=frozenset({"phones"}), service_id=sid)
            for phone in contact.get("phones", ()):
                rows.add("phone", phone, contact_id=contact["id"])
        for sched in svc.get("schedules", ()):
            rows.add("schedule", sched, service_id=sid)
        for area in svc.get("service_areas", ()):
            rows.add("service_area", area, service_id=sid)
        for sal in svc.get("service_at_locations", ()):
            rows.add("service_at_location", sal, nested=frozenset({"location"}), service_id=sid)
        for lang in svc.get("languages", ()):
            rows.add("language", lang, service_id=sid)
        for opt in svc.get("cost_options", ()):
            rows.add("cost_option", opt, service_id=sid)
        _attributes(rows, svc, "service")
    for org in feed["organizations"]:
        for attr in org.get("attributes", ()):
            rows.add("taxonomy_term", attr["taxonomy_term"])
    offer_block = feed[BLOCK]
    rows.extension(str(offer.id), "offer", offer_block)
    return rows


def _csv_bytes(columns: list[str], rows: list[dict[str, Any]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    if columns:
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row.get(c)) for c in columns])
    return buf.getvalue().encode("utf-8")


def write(offer: LocalOffer, target: Target, *, hsds_version: str = "3.1", **_: Any) -> None:
    """Write the offer as an HSDS Tabular Data Package in the folder ``target``: every table of
    the standard (header only where there are no rows) and ``datapackage.json``."""
    if not isinstance(target, (str, os.PathLike)):
        raise FormatError("the hsds-tabular format writes a folder: give a folder path, not a stream")
    if hsds_version not in ("3.0", "3.1"):
        raise FormatError(f"unknown HSDS version {hsds_version!r}; use 3.0 or 3.1")
    folder = Path(target)
    if folder.name == "datapackage.json":
        folder = folder.parent
    folder.mkdir(parents=True, exist_ok=True)
    enabled = gc.isenabled()
    gc.disable()
    try:
        rows = _flatten(offer, hsds_version)
    finally:
        if enabled:
            gc.enable()
    for table, (path, columns) in rows.layout.items():
        with atomic_path(folder / path) as tmp:
            tmp.write_bytes(_csv_bytes(columns, rows.rows.get(table, [])))
    with atomic_path(folder / "datapackage.json") as tmp:
        tmp.write_bytes(json.dumps(datapackage(hsds_version), indent=2, ensure_ascii=False).encode("utf-8") + b"\n")


# -- reading ----------------------------------------------------------------------------------


class _Source:
    """The tables of a package, each row with its file and line for findings."""

    def __init__(self) -> None:
        self.rows: dict[str, list[dict[str, Any]]] = {}
        self.places: dict[int, SourceLocation] = {}
        self.index: dict[int, tuple[str, int, dict[str, Any]]] = {}
        self.findings: list[Finding] = []


def _load_folder(folder: Path, max_bytes: int) -> _Source:
    src = _Source()
    paths: dict[str, str] = {}
    package = folder / "datapackage.json"
    if package.exists():
        try:
            meta = json.loads(read_bytes(package, max_bytes).decode("utf-8-sig"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise ReadError(f"{package}: not valid JSON ({exc}); fix datapackage.json") from None
        for res in meta.get("resources", []) if isinstance(meta, dict) else []:
            if isinstance(res, dict) and isinstance(res.get("name"), str) and isinstance(res.get("path"), str):
                paths[res["name"]] = res["path"]
    for name, path, _, _ in _SPEC:
        paths.setdefault(name, path)
    known = {p for p in paths.values()}
    extra: list[tuple[str, str]] = []
    for file_name in sorted(p.name for p in folder.glob("*.csv") if p.name not in known):
        stem = Path(file_name).stem
        if stem in paths and not (folder / paths[stem]).exists():
            paths[stem] = file_name  # a table under its singular name, as some packages spell it
        else:
            # Another table: kept whole with the offer's extensions, under its file name.
            extra.append((file_name if stem in paths else stem, file_name))
    for name, path in [*paths.items(), *extra]:
        file = (folder / path).resolve()
        if folder.resolve() not in file.parents:
            src.findings.append(Finding(code="hsds.unsafe_path", severity=Severity.ERROR,
                                        message=f"The resource {name!r} points outside the package ({path}); it was not read.",
                                        location=SourceLocation(file=str(package))))
            continue
        if not file.exists():
            continue
        data = read_bytes(file, max_bytes)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            src.findings.append(Finding(code="hsds.encoding", severity=Severity.ERROR,
                                        message=f"{path} is not UTF-8 text; save it as UTF-8 CSV.", location=SourceLocation(file=str(file))))
            continue
        reader = csv.DictReader(io.StringIO(text, newline=""))
        rows: list[dict[str, Any]] = []
        try:
            for row in reader:
                clean = {k: v for k, v in row.items() if isinstance(k, str) and v not in (None, "")}
                if None in row:
                    src.findings.append(Finding(code="hsds.csv_row", severity=Severity.ERROR,
                                                message=f"This row of {path} has more cells than the header has columns; the extra cells were not read.",
                                                location=SourceLocation(file=str(file), sheet=name, line=reader.line_num)))
                src.places[id(clean)] = SourceLocation(file=str(file), sheet=name, line=reader.line_num, row_key=clean.get("id"))
                src.index[id(clean)] = (Path(path).name, len(rows), clean)
                rows.append(clean)
        except csv.Error as exc:
            raise ReadError(f"{path} line {reader.line_num}: not readable as CSV ({exc}); save it as UTF-8 CSV",
                            location=SourceLocation(file=str(file), sheet=name, line=reader.line_num)) from None
        src.rows[name] = rows
    return src


def _by(rows: list[dict[str, Any]], key: str) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        value = row.get(key)
        if value:
            out[value].append(row)
    return out


def _assemble(src: _Source) -> tuple[dict[str, Any], dict[str, int]]:
    """The tables joined into the JSON feed's shape, and each placed object's pointer mapped to
    the id() of its row (for findings)."""
    r = src.rows
    placed: dict[str, int] = {}
    ext_attrs: dict[str, Any] = {}
    attributes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    bad_blocks: list[tuple[dict[str, Any], str]] = []
    for row in r.get("attribute", []):
        if row.get("taxonomy_term_id") == EXTENSION_TERM_ID:
            try:
                ext_attrs[row.get("link_id", "")] = json.loads(row.get("value", "null"))
            except ValueError as exc:
                bad_blocks.append((row, str(exc)))
        else:
            attributes[row.get("link_id", "")].append(row)
    for row, reason in bad_blocks:
        src.findings.append(Finding(code="hsds.extension", severity=Severity.ERROR,
                                    message=f"The extension value is not valid JSON ({reason}); it was not read.",
                                    location=src.places.get(id(row))))
    phones_by = {k: _by(r.get("phone", []), k) for k in ("service_id", "organization_id", "contact_id")}
    contacts_by = _by(r.get("contact", []), "service_id")
    used_rows: set[int] = set()

    def attrs(owner: str, ptr: str) -> list[dict[str, Any]]:
        out = []
        for i, row in enumerate(attributes.get(owner, [])):
            used_rows.add(id(row))
            placed[f"{ptr}/attributes/{i}"] = id(row)
            out.append({k: v for k, v in row.items() if k not in ("link_id", "link_entity")})
        return out

    def with_block(record: dict[str, Any], rid: str) -> dict[str, Any]:
        block = ext_attrs.get(rid)
        if isinstance(block, dict):
            record[BLOCK] = block
        return record

    def children(record: dict[str, Any], ptr: str, key: str, rows: list[dict[str, Any]], drop: str) -> None:
        if rows:
            record[key] = []
            for i, row in enumerate(rows):
                used_rows.add(id(row))
                placed[f"{ptr}/{key}/{i}"] = id(row)
                record[key].append({k: v for k, v in row.items() if k != drop})

    organizations = []
    for i, row in enumerate(r.get("organization", [])):
        ptr = f"/organizations/{i}"
        org = dict(row)
        placed[ptr] = id(row)
        oid = row.get("id", "")
        children(org, ptr, "phones", [p for p in phones_by["organization_id"].get(oid, []) if not p.get("contact_id")], "organization_id")
        children(org, ptr, "organization_identifiers", _by(r.get("organization_identifier", []), "organization_id").get(oid, []), "organization_id")
        if attributes.get(oid):
            org["attributes"] = attrs(oid, ptr)
        organizations.append(with_block(org, oid))
    addresses = _by(r.get("address", []), "location_id")
    access = _by(r.get("accessibility", []), "location_id")
    locations = []
    for i, row in enumerate(r.get("location", [])):
        ptr = f"/locations/{i}"
        loc = dict(row)
        placed[ptr] = id(row)
        lid = row.get("id", "")
        children(loc, ptr, "addresses", addresses.get(lid, []), "location_id")
        children(loc, ptr, "accessibility", access.get(lid, []), "location_id")
        if attributes.get(lid):
            loc["attributes"] = attrs(lid, ptr)
        locations.append(with_block(loc, lid))
    by_service = {name: _by(r.get(name, []), "service_id") for name in
                  ("schedule", "service_area", "service_at_location", "language", "cost_option")}
    services = []
    for i, row in enumerate(r.get("service", [])):
        ptr = f"/contents/{i}"
        svc = dict(row)
        placed[ptr] = id(row)
        sid = row.get("id", "")
        children(svc, ptr, "phones", [p for p in phones_by["service_id"].get(sid, []) if not p.get("contact_id")], "service_id")
        contacts = contacts_by.get(sid, [])
        if contacts:
            svc["contacts"] = []
            for j, c in enumerate(contacts):
                used_rows.add(id(c))
                cp = f"{ptr}/contacts/{j}"
                placed[cp] = id(c)
                contact = {k: v for k, v in c.items() if k != "service_id"}
                children(contact, cp, "phones", phones_by["contact_id"].get(c.get("id", ""), []), "contact_id")
                svc["contacts"].append(contact)
        for table, key in (("schedule", "schedules"), ("service_area", "service_areas"),
                           ("service_at_location", "service_at_locations"), ("language", "languages"),
                           ("cost_option", "cost_options")):
            children(svc, ptr, key, by_service[table].get(sid, []), "service_id")
        if attributes.get(sid):
            svc["attributes"] = attrs(sid, ptr)
        services.append(with_block(svc, sid))
    feed: dict[str, Any] = {
        "contents": services, "organizations": organizations, "locations": locations,
        "taxonomies": [t for t in r.get("taxonomy", []) if t.get("id") != _EXTENSION_TAXONOMY_ID],
        "taxonomy_terms": [t for t in r.get("taxonomy_term", []) if t.get("id") != EXTENSION_TERM_ID],
    }
    for name in ("taxonomy", "taxonomy_term"):
        for i, row in enumerate(r.get(name, [])):
            placed[f"/{'taxonomies' if name == 'taxonomy' else 'taxonomy_terms'}/{i}"] = id(row)
    offer_block = next((v for v in ext_attrs.values() if isinstance(v, dict) and isinstance(v.get("offer"), dict)), None)
    if offer_block is not None:
        feed[BLOCK] = offer_block
    assembled = {"organization", "location", "service", "taxonomy", "taxonomy_term", "attribute", "phone", "contact",
                 "organization_identifier", "address", "accessibility", *by_service}
    for name, rows in r.items():
        if name not in assembled and rows:
            feed[name] = rows
    # Rows of assembled tables that belong to nothing in the package.
    for name in ("phone", "contact", "address", "accessibility", "schedule", "service_area", "service_at_location",
                 "language", "cost_option", "organization_identifier", "attribute"):
        for row in r.get(name, []):
            if id(row) in used_rows or (name == "attribute" and row.get("taxonomy_term_id") == EXTENSION_TERM_ID):
                continue
            key, index, _ = src.index.get(id(row), ("", 0, row))
            src.findings.append(Finding(
                code="hsds.unresolved_reference", severity=Severity.WARNING, path=f"/{key}/{index}" if key else "",
                message=f"This {name.replace('_', ' ')} row was not read: it links to no service, organization, location or "
                        "contact of the package (check its service_id, location_id, organization_id, contact_id or link_id), "
                        "or to a record a Local Offer has no place for, such as a location's phone.",
                location=src.places.get(id(row)), value=row.get("id")))
    return feed, placed


def read(source: Source, *, max_bytes: int = DEFAULT_MAX_BYTES, **_: Any) -> ReadResult:
    """Read an HSDS Tabular Data Package from its folder (or its ``datapackage.json``)."""
    if not isinstance(source, (str, os.PathLike)):
        raise ReadError(f"{display_name(source)}: the hsds-tabular format reads a folder; give its path")
    folder = Path(source)
    if folder.is_file() and folder.name.endswith(".json"):
        folder = folder.parent
    if not folder.is_dir():
        raise ReadError(f"{display_name(source)}: no such folder; give the folder holding datapackage.json and the CSV files")
    name = display_name(source)
    src = _load_folder(folder, max_bytes)
    if not any(src.rows.values()):
        raise ReadError(f"{name}: no HSDS tables found (services.csv, organizations.csv...); is this the right folder?")
    return _read_source(src, name)


def from_tables(data: dict[str, Any], name: str = "<tables>") -> ReadResult:
    """Read the tables of a package given as JSON, ``{"services.csv": [rows...], ...}`` (the
    shape of the standard's ``examples/tabular.json``)."""
    by_path = {path: table for table, path, _, _ in _SPEC}
    src = _Source()
    for key, rows in data.items():
        table = by_path.get(key, key.removesuffix(".csv"))
        if not isinstance(rows, list):
            src.findings.append(Finding(code="hsds.type", severity=Severity.ERROR, path=f"/{key}",
                                        message=f"'{key}' should be a list of rows.", location=SourceLocation(file=name)))
            continue
        kept = []
        for i, row in enumerate(rows):
            if not isinstance(row, dict):
                src.findings.append(Finding(code="hsds.type", severity=Severity.ERROR, path=f"/{key}/{i}",
                                            message="Each row should be an object.", location=SourceLocation(file=name)))
                continue
            clean = {k: v for k, v in row.items() if v not in (None, "")}
            src.places[id(clean)] = SourceLocation(file=name, sheet=key, row_key=str(clean.get("id")), line=None)
            src.index[id(clean)] = (key, i, clean)
            kept.append(clean)
        src.rows[table] = kept
    return _read_source(src, name)


def _read_source(src: _Source, name: str) -> ReadResult:
    feed, placed = _assemble(src)
    reader = FeedReader(name)
    offer, model_findings, dropped = build(reader, feed)

    def where(ptr: str | None) -> SourceLocation | None:
        while ptr:
            hit = placed.get(ptr)
            if hit is not None:
                return src.places.get(hit)
            ptr = ptr.rsplit("/", 1)[0]
        return SourceLocation(file=name)

    def table_path(ptr: str) -> str:
        """The finding's place as ``/<file>/<row>/<column>`` in the tables."""
        rest: list[str] = []
        while ptr:
            hit = placed.get(ptr)
            if hit is not None and hit in src.index:
                key, i, row = src.index[hit]
                column = f"/{rest[-1]}" if len(rest) == 1 and rest[-1] in row else ""
                return f"/{key}/{i}{column}"
            ptr, _, last = ptr.rpartition("/")
            rest.append(last)
        return ""

    findings = list(src.findings)
    findings.extend(f.model_copy(update={"location": where(f.path), "path": table_path(f.path)})
                    for f in reader.findings() + dropped)
    # The rows of other tables that belonged to an object that could not be read.
    for f in dropped:
        for ptr, row in placed.items():
            if f.path and ptr.startswith(f.path + "/") and row in src.index and (ptr.count("/") == f.path.count("/") + 2):
                findings.append(f.model_copy(update={"location": src.places.get(row), "path": table_path(ptr),
                                                     "message": "This row belongs to a record that could not be read: " + f.message}))
    for f in model_findings:
        findings.append(f.with_location(where(reader.model_place(f.path))))
    return ReadResult(offer, findings, name, "hsds-tabular")
