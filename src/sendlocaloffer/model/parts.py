"""The small shared parts of an offer: phones, contacts, organisations, locations and terms."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from pydantic import Field, JsonValue

from .base import ModelBase
from .types import AccessibilityFeatureList, Email, LocationType, PhoneNumber, PhoneType, Postcode, Uprn, WebAddress

Text = Annotated[str, Field(max_length=100_000)]
ShortText = Annotated[str, Field(max_length=1_000)]

Extensions = Annotated[
    dict[str, JsonValue],
    Field(
        title="Extensions",
        description=(
            "Values from another standard that no field of the model holds, kept so that they "
            "are written back out unchanged (for example an Open Referral field with no equivalent)."
        ),
    ),
]


class Phone(ModelBase):
    """A phone number."""

    id: UUID | None = Field(None, title="Id", description="A stable identifier; formats that need one (Open Referral, RDF) mint it when it is left out.")
    number: PhoneNumber = Field(
        title="Number", description="The phone number, checked as a UK number.", examples=["020 7332 1002"]
    )
    extension: ShortText | None = Field(None, title="Extension", description="An extension to dial, if any.")
    type: PhoneType = Field("voice", title="Type", description="What the number takes: voice, text, textphone...")
    description: ShortText | None = Field(
        None, title="Phone description", description="When to call or what the number is for.", examples=["Monday to Friday, 9am to 5pm"]
    )


class Contact(ModelBase):
    """A person or role to contact. Give a role rather than a personal name where possible."""

    id: UUID | None = Field(None, title="Id", description="A stable identifier; formats that need one (Open Referral, RDF) mint it when it is left out.")
    name: ShortText | None = Field(None, title="Contact name", description="The person or team to contact.", examples=["SEND Team"])
    role: ShortText | None = Field(None, title="Role", description="Their job title or role.", examples=["SEND Local Offer Officer"])
    department: ShortText | None = Field(None, title="Department", description="The department or team they belong to.")
    email: Email | None = Field(None, title="Email", description="Their e-mail address.")
    phones: list[Phone] = Field(default_factory=list, title="Phones", description="Their phone numbers.")


class Identifier(ModelBase):
    """An organisation's identifier in an official register."""

    scheme: ShortText = Field(
        title="Scheme",
        description="The register: an org-id.guide prefix such as GB-CHC (charity), GB-COH (company), GB-EDU (school URN) or GB-NHS.",
        examples=["GB-CHC"],
    )
    value: ShortText = Field(title="Value", description="The identifier in that register.", examples=["1090719"])


class Organisation(ModelBase):
    """An organisation that runs services: the council, an NHS trust, a school, a charity."""

    id: UUID = Field(title="Id", description="A stable UUID for the organisation.")
    name: ShortText = Field(title="Organisation name", description="The organisation's name.", examples=["City of London Corporation"])
    description: Text = Field("", title="Description", description="What the organisation is and does.")
    website: WebAddress | None = Field(None, title="Website", description="The organisation's web site.")
    email: Email | None = Field(None, title="Email", description="A general e-mail address.")
    phones: list[Phone] = Field(default_factory=list, title="Phones", description="General phone numbers.")
    identifiers: list[Identifier] = Field(
        default_factory=list, title="Identifiers", description="Its identifiers in official registers (charity, company, school URN)."
    )
    extensions: Extensions = Field(default_factory=dict)


class Address(ModelBase):
    """A UK postal address."""

    line1: ShortText = Field(title="Address line 1", description="The first line of the address.", examples=["Guildhall"])
    line2: ShortText | None = Field(None, title="Address line 2", description="The second line, if any.", examples=["PO Box 270"])
    town: ShortText = Field(title="Town or city", description="The town or city.", examples=["London"])
    county: ShortText | None = Field(None, title="County", description="The county or region, if any.")
    postcode: Postcode = Field(title="Postcode", description="The UK postcode.", examples=["EC2P 2EJ"])
    country: ShortText = Field("GB", title="Country", description="The ISO 3166-1 country code.", pattern=r"^[A-Z]{2}$", examples=["GB"])


class Location(ModelBase):
    """A place where services are delivered."""

    id: UUID = Field(title="Id", description="A stable UUID for the location.")
    name: ShortText = Field(title="Location name", description="The place's name.", examples=["Guildhall"])
    description: Text = Field("", title="Description", description="What and where the place is; how to find it.")
    type: LocationType = Field("physical", title="Location type", description="A place people visit, a postal address, or an online place.")
    address: Address | None = Field(None, title="Address", description="Its postal address.")
    latitude: float | None = Field(None, title="Latitude", description="WGS84 latitude.", ge=49.0, le=61.5, examples=[51.5155])
    longitude: float | None = Field(None, title="Longitude", description="WGS84 longitude.", ge=-9.0, le=2.5, examples=[-0.0922])
    uprn: Uprn | None = Field(None, title="UPRN", description="The Unique Property Reference Number of the building.")
    accessibility: AccessibilityFeatureList = Field(
        default_factory=list, title="Accessibility features", description="What makes the place accessible."
    )
    accessibility_notes: Text | None = Field(None, title="Accessibility notes", description="Anything else about getting in and around.")
    url: WebAddress | None = Field(None, title="Web address", description="For an online place, its address.")
    extensions: Extensions = Field(default_factory=dict)


class TaxonomyTerm(ModelBase):
    """A term from another taxonomy, such as the DfE family hubs service categories."""

    taxonomy: ShortText = Field(title="Taxonomy", description="The taxonomy's name or identifier.", examples=["dfe-family-hubs"])
    code: ShortText = Field(title="Code", description="The term's code in that taxonomy (its label where it has no code).")
    label: ShortText | None = Field(None, title="Label", description="The term's label.", examples=["Breaks and respite"])
    uri: WebAddress | None = Field(None, title="Term URI", description="The term's URI, if it has one.")
    parent: ShortText | None = Field(None, title="Parent", description="The code of its parent term, if any.")
