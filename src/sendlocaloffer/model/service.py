"""A service in the Local Offer, with who it is for, how to get it, what it costs and when."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated
from uuid import UUID

from pydantic import Field, PlainSerializer, model_validator
from typing_extensions import Self

from .base import ModelBase
from .parts import Contact, Extensions, Phone, ShortText, TaxonomyTerm, Text
from .types import (
    AccessRouteList,
    CostKind,
    DeliveryMethodList,
    Email,
    EmptyIsNone,
    Level,
    NeedList,
    ProviderType,
    ProvisionCategoryList,
    ServiceStatus,
    WebAddress,
    WeekdayList,
)

Age = Annotated[int, Field(ge=0, le=25)]
Money = Annotated[
    Decimal,
    Field(ge=0, le=10_000_000, decimal_places=2, allow_inf_nan=False),
    PlainSerializer(float, return_type=float, when_used="json"),
]


class Eligibility(ModelBase):
    """Who a service is for (SEND Code of Practice 4.32: eligibility criteria)."""

    min_age: Age | None = Field(None, title="Minimum age", description="The youngest age, in years (0-25), the service takes.", examples=[0])
    max_age: Age | None = Field(None, title="Maximum age", description="The oldest age, in years (0-25), the service takes.", examples=[25])
    needs: NeedList = Field(
        default_factory=list,
        title="SEND needs",
        description="The needs the service is for: broad areas of need or school census need types. Leave empty for a service open to all needs.",
        examples=[["ASD", "SLCN"]],
    )
    ehc_plan_required: bool | None = Field(
        None, title="EHC plan required", description="Whether a child or young person needs an education, health and care plan to use it."
    )
    description: Text | None = Field(None, title="Eligibility", description="Who can use the service, in words.")

    @model_validator(mode="after")
    def _ages_in_order(self) -> Self:
        if self.min_age is not None and self.max_age is not None and self.min_age > self.max_age:
            raise ValueError(f"the minimum age ({self.min_age}) is above the maximum age ({self.max_age})")
        return self


class Access(ModelBase):
    """How to get a service (SEND Code of Practice 4.32)."""

    routes: AccessRouteList = Field(
        default_factory=list, title="Access routes", description="How people get the service: self-referral, professional referral, drop-in..."
    )
    how_to_apply: Text | None = Field(None, title="How to apply", description="What to do to get the service, step by step.")
    referral_contact: Annotated[Contact | None, EmptyIsNone] = Field(None, title="Referral contact", description="Who takes referrals.")


class CostOption(ModelBase):
    """One price for a service."""

    id: UUID | None = Field(None, title="Id", description="A stable identifier; formats that need one (Open Referral, RDF) mint it when it is left out.")
    option: ShortText | None = Field(None, title="Cost option", description="What this price is for.", examples=["Per session"])
    amount: Money | None = Field(None, title="Amount", description="The price in pounds sterling (GBP).", examples=[12.5])
    amount_description: ShortText | None = Field(None, title="Amount description", description="The price in words, where an amount alone does not say it.")
    valid_from: dt.date | None = Field(None, title="Valid from", description="The first day this price applies.")
    valid_to: dt.date | None = Field(None, title="Valid to", description="The last day this price applies.")


class Cost(ModelBase):
    """What a service costs families."""

    kind: CostKind | None = Field(None, title="Cost", description="Free, paid, varies or not known.")
    options: list[CostOption] = Field(default_factory=list, title="Cost options", description="The prices, for a paid service.")
    personal_budget: bool | None = Field(
        None, title="Personal budget", description="Whether an EHC plan personal budget can pay for it (SEND Code of Practice chapter 9)."
    )
    direct_payments: bool | None = Field(None, title="Direct payments", description="Whether direct payments can pay for it.")
    description: Text | None = Field(None, title="Cost description", description="Anything else about the cost.")


class OpeningTime(ModelBase):
    """Weekly opening hours, optionally only between two dates (a variation)."""

    id: UUID | None = Field(None, title="Id", description="A stable identifier; formats that need one (Open Referral, RDF) mint it when it is left out.")
    days: WeekdayList = Field(min_length=1, title="Days", description="The days these hours apply, as iCalendar codes (MO, TU...) or names.", examples=[["MO", "TU", "WE", "TH", "FR"]])
    opens: dt.time = Field(title="Opens", description="Opening time, 24-hour clock.", examples=["09:00"])
    closes: dt.time = Field(title="Closes", description="Closing time, 24-hour clock.", examples=["17:00"])
    valid_from: dt.date | None = Field(None, title="From", description="The first day these hours apply; empty for always.")
    valid_to: dt.date | None = Field(None, title="To", description="The last day these hours apply; empty for always.")
    note: ShortText | None = Field(None, title="Note", description="Anything else about these hours.", examples=["Term time only"])


class Closure(ModelBase):
    """Days the service is closed, such as bank holidays."""

    start: dt.date = Field(title="Closed from", description="The first day closed.")
    end: dt.date | None = Field(None, title="Closed until", description="The last day closed; empty for one day.")
    reason: ShortText | None = Field(None, title="Reason", description="Why it is closed.", examples=["Bank holiday"])


class SchoolInfo(ModelBase):
    """For a school or college: its SEN information report and SENCO (SEND Regulations 2014 reg 51, Schedule 1)."""

    urn: Annotated[str, Field(pattern=r"^[0-9]{6,7}$")] | None = Field(None, title="URN", description="The school's unique reference number.", examples=["100000"])
    sen_information_report: WebAddress | None = Field(None, title="SEN information report", description="Where the school publishes its SEN information report.")
    senco: Annotated[Contact | None, EmptyIsNone] = Field(None, title="SENCO", description="The special educational needs co-ordinator and how to reach them.")


class Service(ModelBase):
    """A service, setting, activity or provision in the Local Offer."""

    id: UUID = Field(title="Id", description="A stable UUID for the service.")
    name: ShortText = Field(title="Service name", description="The service's name.", examples=["Speech and Language Therapy"])
    description: Text = Field("", title="Description", description="What the service does, in plain English.")
    status: ServiceStatus = Field("active", title="Status", description="Active, inactive, defunct or temporarily closed.")
    organisation_id: UUID | None = Field(None, title="Organisation", description="The id of the organisation that runs it.")
    provision_categories: ProvisionCategoryList = Field(
        default_factory=list, title="Provision categories", description="The kinds of provision it is: education, health, social care..."
    )
    level: Level | None = Field(None, title="Level", description="Universal, targeted or specialist (SEND Code of Practice 4.31).")
    provider_type: ProviderType | None = Field(
        None, title="Provider type", description="The kind of provider (SEND Regulations 2014 Schedule 2 para 1)."
    )
    in_area: bool = Field(True, title="In the area", description="True when the service is in the council's area; false for provision outside it (Children and Families Act 2014 s30(1)).")
    send_specific: bool = Field(
        False, title="SEND specific", description="True when the service is only for children and young people with SEN or disabilities."
    )
    eligibility: Eligibility = Field(default_factory=Eligibility, title="Eligibility", description="Who the service is for.")
    access: Access = Field(default_factory=Access, title="Access", description="How to get the service.")
    delivery: DeliveryMethodList = Field(default_factory=list, title="Delivery", description="How it is delivered: in person, online...")
    cost: Cost = Field(default_factory=Cost, title="Cost", description="What it costs.")
    contacts: list[Contact] = Field(default_factory=list, title="Contacts", description="People or teams to contact.")
    phones: list[Phone] = Field(default_factory=list, title="Phones", description="The service's phone numbers.")
    email: Email | None = Field(None, title="Email", description="The service's e-mail address.")
    website: WebAddress | None = Field(None, title="Website", description="The service's web page.")
    opening_hours: list[OpeningTime] = Field(default_factory=list, title="Opening hours", description="When it is open, week by week.")
    closures: list[Closure] = Field(default_factory=list, title="Closures", description="Days it is closed.")
    hours_description: Text | None = Field(None, title="Hours description", description="Opening hours in words, where the table cannot say it.")
    location_ids: list[UUID] = Field(default_factory=list, title="Locations", description="The ids of the places where it is delivered.")
    areas_served: list[ShortText] = Field(default_factory=list, title="Areas served", description="Areas it serves, by name or ONS/GSS code.", examples=[["City of London"]])
    languages: list[ShortText] = Field(default_factory=list, title="Languages", description="Languages it is offered in.", examples=[["English", "British Sign Language"]])
    accessibility: Text | None = Field(None, title="Accessibility", description="How disabled people can use the service.")
    last_checked: dt.date | None = Field(None, title="Last checked", description="When the information was last checked with the provider.")
    checked_by: ShortText | None = Field(None, title="Checked by", description="Who checked it (a role or team).")
    school: Annotated[SchoolInfo | None, EmptyIsNone] = Field(None, title="School", description="For a school or college: its SEN information report and SENCO.")
    taxonomy_terms: list[TaxonomyTerm] = Field(
        default_factory=list, title="Other taxonomy terms", description="Terms from other taxonomies, such as the DfE family hubs service categories."
    )
    extensions: Extensions = Field(default_factory=dict)
