"""The Local Offer itself (Children and Families Act 2014 s30; SEND Regulations 2014 regs 53-57)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal
from uuid import UUID

from pydantic import Field

from .base import ModelBase
from .parts import Contact, Extensions, Location, Organisation, ShortText, Text
from .service import Service
from .types import AccessibleFormat, DocumentKind, EmptyIsNone, GssCode, ProviderType, StatutoryTopic, WebAddress

SCHEMA_VERSION: Literal["1.0"] = "1.0"


class LocalAuthority(ModelBase):
    """The council that publishes the offer."""

    name: ShortText = Field(title="Local authority", description="The council's name.", examples=["City of London Corporation"])
    gss_code: GssCode | None = Field(None, title="Area code", description="The ONS/GSS code of its area.", examples=["E09000001"])
    website: WebAddress | None = Field(None, title="Website", description="The council's web site.")


class AccessibleVersion(ModelBase):
    """Another version of a document for people who need it (SEND Regulations 2014 reg 57)."""

    format: AccessibleFormat = Field(title="Format", description="Easy read, British Sign Language, large print, another language...")
    url: WebAddress | None = Field(None, title="Web address", description="Where to get it.")
    language: ShortText | None = Field(None, title="Language", description="For a translation, the language.")
    how_to_request: ShortText | None = Field(None, title="How to request", description="How to ask for it when it is not online.")


class Document(ModelBase):
    """A document published with the offer: the SEND strategy, a policy, a report."""

    id: UUID = Field(title="Id", description="A stable UUID for the document.")
    title: ShortText = Field(title="Document title", description="The document's title.", examples=["SEND Strategy 2025-2028"])
    kind: DocumentKind = Field("other", title="Kind", description="SEND strategy, policy, report, guide or other.")
    url: WebAddress | None = Field(None, title="Web address", description="Where to read it.")
    published: dt.date | None = Field(None, title="Published", description="When it was published.")
    accessible_versions: list[AccessibleVersion] = Field(
        default_factory=list, title="Accessible versions", description="Easy-read, BSL, large print and other versions."
    )


class FeedbackItem(ModelBase):
    """One "you said, we did" item of a feedback report."""

    you_said: Text = Field(title="You said", description="What families said, in a form that identifies nobody.")
    we_did: Text | None = Field(None, title="We did", description="The council's response and the action it took or plans.")


class FeedbackReport(ModelBase):
    """Comments on the offer and the council's response (SEND Regulations 2014 reg 56)."""

    id: UUID = Field(title="Id", description="A stable UUID for the report.")
    title: ShortText = Field(title="Report title", description="The report's title.", examples=["You said, we did 2025"])
    period_start: dt.date | None = Field(None, title="Period from", description="The first day of the period the comments cover.")
    period_end: dt.date | None = Field(None, title="Period to", description="The last day of the period.")
    published: dt.date | None = Field(None, title="Published", description="When the report was published.")
    url: WebAddress | None = Field(None, title="Web address", description="Where it is published.")
    summary: Text | None = Field(None, title="Summary", description="What families said overall and the planned action.")
    items: list[FeedbackItem] = Field(default_factory=list, title="You said, we did", description="The comments and the responses.")


class StatutoryLink(ModelBase):
    """A link to information the offer must give (SEND Regulations 2014 Schedule 2)."""

    topic: StatutoryTopic = Field(title="Topic", description="What the information is about.")
    url: WebAddress = Field(title="Web address", description="Where the information is.")
    title: ShortText | None = Field(None, title="Link title", description="The page's title.")


class AbsentProvision(ModelBase):
    """A Schedule 2 para 1 provider type the offer has none of, said explicitly."""

    provider_type: ProviderType = Field(title="Provider type", description="The kind of provider there is none of.")
    in_area: bool = Field(True, title="In the area", description="True for none in the area; false for none outside it.")
    reason: Text | None = Field(None, title="Reason", description="Why, such as 'There are no pupil referral units in the City'.")


class LocalOffer(ModelBase):
    """A council's SEND Local Offer: its statutory information and the services in it."""

    schema_version: Literal["1.0"] = Field(
        SCHEMA_VERSION, title="Schema version", description="The version of the sendlocaloffer format this document follows."
    )
    id: UUID = Field(title="Id", description="A stable UUID for the offer; the namespace its other ids are minted in.")
    local_authority: LocalAuthority = Field(title="Local authority", description="The council that publishes the offer.")
    title: ShortText = Field(title="Title", description="The offer's title.", examples=["City of London SEND Local Offer"])
    description: Text = Field("", title="Description", description="What the offer is and who it is for.")
    website: WebAddress | None = Field(None, title="Website", description="Where the offer is published (SEND Regulations 2014 reg 57).")
    published: dt.date | None = Field(None, title="Published", description="When the offer was first published.")
    last_reviewed: dt.date | None = Field(None, title="Last reviewed", description="When the offer was last reviewed (Children and Families Act 2014 s30: kept under review).")
    contact: Annotated[Contact | None, EmptyIsNone] = Field(None, title="Offer contact", description="The named contact for the offer.")
    offline_access: Text | None = Field(
        None, title="Without internet", description="How people without internet access can get the offer (SEND Regulations 2014 reg 57)."
    )
    accessibility_statement: Text | None = Field(
        None, title="Accessibility statement", description="How different groups, disabled people included, can access the offer (SEND Regulations 2014 reg 57)."
    )
    documents: list[Document] = Field(default_factory=list, title="Documents", description="The SEND strategy, policies and reports.")
    feedback_reports: list[FeedbackReport] = Field(
        default_factory=list, title="Feedback reports", description="Comments on the offer and the council's responses (reg 56)."
    )
    statutory_links: list[StatutoryLink] = Field(
        default_factory=list, title="Statutory information", description="Links to the information Schedule 2 requires."
    )
    absent_provision: list[AbsentProvision] = Field(
        default_factory=list, title="Provision not available", description="Provider types the offer has none of, said explicitly."
    )
    organisations: list[Organisation] = Field(default_factory=list, title="Organisations", description="The organisations that run services.")
    locations: list[Location] = Field(default_factory=list, title="Locations", description="The places where services are delivered.")
    services: list[Service] = Field(default_factory=list, title="Services", description="The services in the offer.")
    extensions: Extensions = Field(default_factory=dict)
