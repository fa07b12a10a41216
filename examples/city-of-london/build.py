"""Build the bundled City of London SEND Local Offer example and write ``offer.json``.

Run it from the repository root: ``.venv/bin/python examples/city-of-london/build.py``.
The data below is written to read like the City of London Corporation's public Local Offer
(education, health, social care and leisure; its SEND strategy with easy-read and BSL
versions; the offer by email for people without internet; feedback through "Contact us";
the Parent Carer Forum; the SEND information, advice and support service). Services,
addresses and numbers are plausible rather than checked facts, and no real person is named:
contacts are roles and teams. Every id is minted with :func:`sendlocaloffer.mint_id` from the
offer's namespace, so running the script twice writes the same bytes.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

import sendlocaloffer
from sendlocaloffer import (
    AbsentProvision,
    Access,
    AccessibleVersion,
    Address,
    Closure,
    Contact,
    Cost,
    CostOption,
    Document,
    Eligibility,
    FeedbackItem,
    FeedbackReport,
    Identifier,
    LocalAuthority,
    LocalOffer,
    Location,
    OpeningTime,
    Organisation,
    Phone,
    SchoolInfo,
    Service,
    StatutoryLink,
    TaxonomyTerm,
    mint_id,
    offer_namespace,
)

NS = offer_namespace("E09000001")
SITE = "https://www.cityoflondon.gov.uk"
LO = f"{SITE}/services/children-and-families/send-local-offer"
D = dt.date
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR"]


#: The base IRI the City would mint its RDF IRIs from.
BASE_IRI = "https://www.cityoflondon.gov.uk/send-local-offer/id/"


def uid(kind: str, *key: str) -> uuid.UUID:
    return mint_id(NS, kind, *key)


def phone(number: str, owner: str, **extra: Any) -> Phone:
    return Phone(id=uid("phone", owner, number), number=number, **extra)


def contact(name: str, owner: str, **extra: Any) -> Contact:
    return Contact(id=uid("contact", owner, name), name=name, **extra)


def hours(owner: str, days: list[str], opens: str, closes: str, **extra: Any) -> OpeningTime:
    return OpeningTime(
        id=uid("opening", owner, ",".join(days), opens, str(extra.get("valid_from", ""))),
        days=days, opens=dt.time.fromisoformat(opens), closes=dt.time.fromisoformat(closes), **extra,
    )


def price(owner: str, option: str, amount: str | None, **extra: Any) -> CostOption:
    return CostOption(id=uid("cost", owner, option), option=option,
                      amount=Decimal(amount) if amount is not None else None, **extra)


# --- Organisations -------------------------------------------------------------------------

ORGS: dict[str, Organisation] = {}


def org(name: str, description: str, **extra: Any) -> Organisation:
    o = Organisation(id=uid("organisation", name), name=name, description=description, **extra)
    ORGS[name] = o
    return o


COL = org(
    "City of London Corporation",
    "The local authority for the Square Mile. Its Children and Families Services team runs the "
    "SEND service, education, early years, children's social care and the Family Information Service.",
    website=f"{SITE}/",
    email="send@cityoflondon.gov.uk",
    phones=[phone("020 7606 3030", "corporation", description="Switchboard, Monday to Friday, 9am to 5pm")],
    identifiers=[Identifier(scheme="GB-LAE", value="LND")],
    extensions={"x-city-of-london": {"directorate": "Community and Children's Services"}},
)
CASS = org(
    "Sir John Cass's Foundation Primary School",
    "The City's only maintained primary school, a Church of England voluntary aided school for children aged 3 to 11.",
    website="https://www.sirjohncassprimary.org/",
    email="admin@sirjohncassprimary.org",
    phones=[phone("020 7283 1147", "cass school")],
    identifiers=[Identifier(scheme="GB-EDU", value="100000")],
)
CLSG = org(
    "City of London School for Girls",
    "An independent day school for girls aged 7 to 18 in the Barbican.",
    website="https://www.clsg.org.uk/",
    email="info@clsg.org.uk",
    phones=[phone("020 7847 5500", "clsg")],
)
HOMERTON = org(
    "Homerton Healthcare NHS Foundation Trust",
    "Provides children's community health services for the City of London and Hackney: therapies, "
    "community nursing and health visiting.",
    website="https://www.homerton.nhs.uk/",
    email="huh-tr.childrenstherapies@nhs.net",
    phones=[phone("020 8510 5555", "homerton")],
    identifiers=[Identifier(scheme="GB-NHS", value="RQX")],
)
ELFT = org(
    "East London NHS Foundation Trust",
    "Runs the child and adolescent mental health service (CAMHS) for the City of London and Hackney.",
    website="https://www.elft.nhs.uk/",
    phones=[phone("020 7655 4000", "elft")],
    identifiers=[Identifier(scheme="GB-NHS", value="RWK")],
)
IAS = org(
    "City of London SENDIASS",
    "The SEND information, advice and support service for the City, commissioned by the City of "
    "London Corporation and run at arm's length from the council.",
    website="https://www.cityoflondonsendiass.org.uk/",
    email="sendiass@cityoflondonsendiass.org.uk",
    phones=[phone("020 7332 3501", "sendiass")],
)
PCF = org(
    "City of London Parent Carer Forum",
    "A group of parents and carers of children and young people with SEND who work with the City "
    "to shape services.",
    website="https://www.cityparentcarerforum.org.uk/",
    email="hello@cityparentcarerforum.org.uk",
    identifiers=[Identifier(scheme="GB-CHC", value="1160012")],
)
KIDS = org(
    "Square Mile Play and Short Breaks",
    "A charity commissioned by the City of London Corporation to run short breaks, play and youth "
    "sessions for disabled children and young people.",
    website="https://www.squaremileplay.org.uk/",
    email="shortbreaks@squaremileplay.org.uk",
    phones=[phone("020 7253 9966", "square mile play")],
    identifiers=[Identifier(scheme="GB-CHC", value="1108544")],
)
BARBICAN = org(
    "Barbican Centre",
    "The arts centre in the City, run by the City of London Corporation, with relaxed performances and a children's library.",
    website="https://www.barbican.org.uk/",
    email="access@barbican.org.uk",
    phones=[phone("020 7638 8891", "barbican")],
)
GLSF = org(
    "Golden Lane Sport and Fitness",
    "A leisure centre on the Golden Lane Estate run for the City of London Corporation by a private operator.",
    website="https://www.goldenlanesportandfitness.co.uk/",
    phones=[phone("020 7250 1464", "golden lane sport")],
)
MEDIATION = org(
    "Capital SEND Mediation",
    "An independent mediation and disagreement resolution service commissioned by the City of London Corporation.",
    website="https://www.capitalsendmediation.co.uk/",
    email="referrals@capitalsendmediation.co.uk",
    phones=[phone("0800 028 8200", "capital send mediation", description="Freephone, Monday to Friday, 9am to 5pm")],
)
RCS = org(
    "Richard Cloudesley School",
    "A maintained special school in Islington for pupils aged 2 to 19 with physical disabilities and complex medical needs.",
    website="https://www.richardcloudesley.islington.sch.uk/",
    email="admin@richardcloudesley.islington.sch.uk",
    phones=[phone("020 7786 4800", "richard cloudesley")],
    identifiers=[Identifier(scheme="GB-EDU", value="100476")],
)
SRS = org(
    "Samuel Rhodes School",
    "A maintained special school in Islington for pupils aged 5 to 19 with moderate learning difficulties and autism.",
    website="https://www.samuelrhodes.islington.sch.uk/",
    email="admin@samuelrhodes.islington.sch.uk",
    phones=[phone("020 7837 7345", "samuel rhodes")],
    identifiers=[Identifier(scheme="GB-EDU", value="100475")],
)
SHS = org(
    "Stephen Hawking School",
    "A maintained special school in Tower Hamlets for children aged 2 to 11 with profound and multiple learning difficulties.",
    website="https://www.stephenhawkingschool.co.uk/",
    email="admin@stephenhawking.towerhamlets.sch.uk",
    phones=[phone("020 7423 9848", "stephen hawking")],
    identifiers=[Identifier(scheme="GB-EDU", value="131013")],
)
COLAI = org(
    "City of London Academy Islington",
    "A secondary academy with a sixth form in Islington, sponsored by the City of London Corporation.",
    website="https://www.cityacademyislington.org.uk/",
    email="info@cityacademyislington.org.uk",
    phones=[phone("020 7226 8500", "colai")],
    identifiers=[Identifier(scheme="GB-EDU", value="135705")],
)
CTS = org(
    "The Children's Trust School",
    "A non-maintained special school in Tadworth, Surrey, for children with brain injury and complex needs.",
    website="https://www.thechildrenstrust.org.uk/",
    email="school@thechildrenstrust.org.uk",
    phones=[phone("01737 365000", "childrens trust")],
    identifiers=[Identifier(scheme="GB-CHC", value="288018")],
)
NCC = org(
    "New City College Hackney",
    "A further education college in Hoxton with a supported learning department for students aged 16 to 25.",
    website="https://www.ncclondon.ac.uk/",
    email="info@ncclondon.ac.uk",
    phones=[phone("020 7613 9123", "new city college")],
)
OHC = org(
    "Orchard Hill College",
    "A specialist further education college on the section 41 list, for students aged 16 to 25 with learning difficulties.",
    website="https://www.orchardhill.ac.uk/",
    email="info@orchardhill.ac.uk",
    phones=[phone("020 8770 8000", "orchard hill")],
)
NRC = org(
    "New Regents College",
    "Hackney's pupil referral unit, which the City uses for City pupils who cannot attend a mainstream school.",
    website="https://www.newregentscollege.org.uk/",
    email="admin@newregentscollege.org.uk",
    phones=[phone("020 8525 5000", "new regents")],
)
KGN = org(
    "Kate Greenaway Nursery School and Children's Centre",
    "A maintained nursery school in Islington with specialist places for children with SEND.",
    website="https://www.kategreenaway.islington.sch.uk/",
    email="admin@kategreenaway.islington.sch.uk",
    phones=[phone("020 7837 9062", "kate greenaway")],
)
CHILDMINDERS = org(
    "City Childminding Network",
    "Registered childminders in and near the City who take children with SEND, supported by the City's Early Years team.",
    email="childminding@cityoflondon.gov.uk",
)
ARTS = org(
    "Square Mile Inclusive Arts",
    "A community arts group running an inclusive drama club for young people with SEND.",
    email="info@squaremileinclusivearts.org.uk",
)

# --- Locations -------------------------------------------------------------------------------

LOCS: dict[str, Location] = {}


def loc(name: str, line1: str, postcode: str, *, line2: str | None = None, town: str = "London",
        county: str | None = None, **extra: Any) -> Location:
    address = Address(line1=line1, line2=line2, town=town, county=county, postcode=postcode)
    loc_ = Location(id=uid("location", name), name=name, address=address, **extra)
    LOCS[name] = loc_
    return loc_


GUILDHALL = loc(
    "Guildhall", "Guildhall", "EC2P 2EJ", line2="PO Box 270",
    description="The City of London Corporation's offices. Enter from Guildhall Yard, off Gresham Street.",
    latitude=51.5157, longitude=-0.0919, uprn="200000071925",
    accessibility=["step-free", "wheelchair-accessible", "accessible-toilet", "lift", "hearing-loop"],
    accessibility_notes="Step-free entrance on Basinghall Street. Ask at reception for the hearing loop.",
)
CASS_SITE = loc(
    "Sir John Cass's Foundation Primary School", "St James's Passage", "EC3A 5DE", line2="Duke's Place",
    latitude=51.5135, longitude=-0.0775, accessibility=["step-free", "accessible-toilet", "lift"],
)
CLSG_SITE = loc("City of London School for Girls", "St Giles' Terrace", "EC2Y 8BB", line2="Barbican",
                latitude=51.5199, longitude=-0.0938, accessibility=["lift", "accessible-toilet"])
GOLDEN_LANE = loc(
    "Golden Lane Children's Centre", "Golden Lane Estate", "EC1Y 0SH", line2="Fann Street",
    description="On the ground floor of the Golden Lane Estate, next to the community centre.",
    latitude=51.5222, longitude=-0.0945,
    accessibility=["step-free", "wheelchair-accessible", "accessible-toilet", "sensory-room", "quiet-space"],
)
GL_SPORT = loc("Golden Lane Sport and Fitness", "1 Fann Street", "EC1Y 0SH", line2="Golden Lane Estate",
               latitude=51.5224, longitude=-0.0950, accessibility=["step-free", "changing-places", "accessible-toilet"])
BARBICAN_SITE = loc(
    "Barbican Centre", "Silk Street", "EC2Y 8DS", latitude=51.5202, longitude=-0.0937,
    accessibility=["step-free", "wheelchair-accessible", "lift", "hearing-loop", "accessible-toilet", "quiet-space"],
    accessibility_notes="A changing places toilet is on level G. Ear defenders can be borrowed at the box office.",
)
BARBICAN_LIB = loc("Barbican Children's Library", "Barbican Centre, Level 2", "EC2Y 8DS", line2="Silk Street",
                   latitude=51.5203, longitude=-0.0935, accessibility=["lift", "braille-signage", "quiet-space"])
ARTIZAN = loc("Artizan Street Library and Community Centre", "1 Artizan Street", "E1 7AF",
              latitude=51.5153, longitude=-0.0768, accessibility=["step-free", "accessible-toilet", "hearing-loop"])
PORTSOKEN = loc("Portsoken Community Centre", "20 Little Somerset Street", "E1 8AH",
                latitude=51.5126, longitude=-0.0742, accessibility=["step-free", "accessible-toilet"])
NEAMAN = loc("Neaman Practice", "Bartholomew Close", "EC1A 7BE", line2="77 Bartholomew Close",
             latitude=51.5187, longitude=-0.0985, accessibility=["step-free", "accessible-toilet"])
HOMERTON_SITE = loc("Homerton Children's Therapies", "Homerton Row", "E9 6SR",
                    latitude=51.5466, longitude=-0.0453, accessibility=["step-free", "lift", "accessible-toilet"])
CAMHS_SITE = loc("City and Hackney CAMHS", "Lower Clapton Health Centre", "E5 0PD", line2="36 Lower Clapton Road",
                 latitude=51.5502, longitude=-0.0541, accessibility=["step-free", "quiet-space"])
RCS_SITE = loc("Richard Cloudesley School", "Golden Lane", "EC1Y 0TJ", latitude=51.5229, longitude=-0.0958,
               accessibility=["step-free", "wheelchair-accessible", "changing-places", "sensory-room", "lift"])
SRS_SITE = loc("Samuel Rhodes School", "11 Highbury New Park", "N5 2EG", latitude=51.5508, longitude=-0.0913,
               accessibility=["step-free", "sensory-room", "quiet-space"])
SHS_SITE = loc("Stephen Hawking School", "2 Brunton Place", "E14 7LL", latitude=51.5125, longitude=-0.0399,
               accessibility=["step-free", "changing-places", "sensory-room", "wheelchair-accessible"])
COLAI_SITE = loc("City of London Academy Islington", "Prebend Street", "N1 8PQ", latitude=51.5369, longitude=-0.0951,
                 accessibility=["step-free", "lift", "accessible-toilet"])
CTS_SITE = loc("The Children's Trust School", "Tadworth Court", "KT20 5RU", town="Tadworth", county="Surrey", latitude=51.2896,
               longitude=-0.2365, accessibility=["step-free", "changing-places", "wheelchair-accessible", "accessible-parking"])
NCC_SITE = loc("New City College Hackney", "Falkirk Street", "N1 6HQ", latitude=51.5316, longitude=-0.0786,
               accessibility=["step-free", "lift", "accessible-toilet"])
OHC_SITE = loc("Orchard Hill College", "6 Elm Grove", "SM5 4EA", town="Carshalton", latitude=51.3669, longitude=-0.1687,
               accessibility=["step-free", "changing-places", "sensory-room"])
NRC_SITE = loc("New Regents College", "Ellingfort Road", "E8 3PA", latitude=51.5412, longitude=-0.0604,
               accessibility=["step-free"])
KGN_SITE = loc("Kate Greenaway Nursery School", "Bemerton Street", "N1 0BQ", latitude=51.5402, longitude=-0.1176,
               accessibility=["step-free", "sensory-room", "accessible-toilet"])
ONLINE = loc("City of London SEND Local Offer online", "Guildhall", "EC2P 2EJ", line2="PO Box 270", type="virtual",
             url=f"{LO}/", description="The Local Offer web pages and online sessions.",
             extensions={"oruk": {"location_type": "virtual"}})

# --- Services --------------------------------------------------------------------------------

SERVICES: list[Service] = []
CHECKED = D(2026, 9, 14)  # the annual check of the whole offer with each provider


def service(name: str, organisation: Organisation, description: str, **fields: Any) -> Service:
    fields.setdefault("last_checked", CHECKED)
    fields.setdefault("checked_by", "SEND Local Offer Officer")
    s = Service(id=uid("service", name, organisation.name), name=name, organisation_id=organisation.id,
                description=description, **fields)
    SERVICES.append(s)
    return s


def where(*locations: Location) -> list[uuid.UUID]:
    return [x.id for x in locations]


def school_info(owner: str, urn: str | None, report_url: str, email: str, number: str) -> SchoolInfo:
    return SchoolInfo(
        urn=urn, sen_information_report=report_url,
        senco=contact("SENCO", owner, role="Special educational needs co-ordinator (SENCO)", email=email,
                      phones=[phone(number, owner + " senco")]),
    )


SCHOOL_HOURS = ["MO", "TU", "WE", "TH", "FR"]
#: The four broad areas of need (SEND Code of Practice 6.28): a SEND service open to any need.
ANY_NEED = ["communication-interaction", "cognition-learning", "social-emotional-mental-health", "sensory-physical"]
FH = TaxonomyTerm  # DfE family hubs service categories, see reference/taxonomies

service(
    "Sir John Cass's Foundation Primary School", CASS,
    "<p>A Church of England primary school for children aged 3 to 11, with a nursery. Every class has "
    "access to a teaching assistant and the school uses quality-first teaching, small-group "
    "interventions and a calm room for pupils who need time out.</p>",
    provision_categories=["education"], level="universal", provider_type="maintained-school",
    eligibility=Eligibility(min_age=3, max_age=11, description="Children living in or near the City. Admissions follow the school's policy."),
    access=Access(routes=["self-referral"], how_to_apply="Apply for a Reception place through the City's school admissions pages; nursery places through the school office."),
    delivery=["in-person"], cost=Cost(kind="free"),
    phones=[phone("020 7283 1147", "cass service")], email="admin@sirjohncassprimary.org",
    website="https://www.sirjohncassprimary.org/",
    opening_hours=[hours("cass", SCHOOL_HOURS, "08:45", "15:15", note="Term time only")],
    closures=[Closure(start=D(2026, 12, 21), end=D(2027, 1, 4), reason="Christmas holidays")],
    location_ids=where(CASS_SITE), areas_served=["City of London", "E09000001"],
    languages=["English"], accessibility="Step-free access throughout, a lift to every floor and an accessible toilet.",
    extensions={"oruk": {"assured_date": "2026-09-14", "attending_type": "venue"}},
    school=school_info("cass", "100000", "https://www.sirjohncassprimary.org/send-information-report/",
                       "senco@sirjohncassprimary.org", "020 7283 1147"),
    taxonomy_terms=[FH(taxonomy="dfe-family-hubs", code="Education", label="Education")],
)
service(
    "City of London School for Girls", CLSG,
    "An independent day school for girls aged 7 to 18. Its learning support department works with "
    "pupils with specific learning difficulties, and the City can name it in an EHC plan where a family asks.",
    provision_categories=["education"], level="universal", provider_type="independent-school",
    eligibility=Eligibility(min_age=7, max_age=18, needs=["SPLD"], description="Girls who pass the school's entrance assessment."),
    access=Access(routes=["self-referral", "appointment"], how_to_apply="Apply to the school directly; open mornings are held each autumn."),
    delivery=["in-person"],
    cost=Cost(kind="paid", options=[price("clsg", "Per term", "9450.00", valid_from=D(2026, 9, 1), valid_to=D(2027, 8, 31))],
              description="Bursaries are available; the City pays the fees when it names the school in an EHC plan."),
    phones=[phone("020 7847 5500", "clsg service")], email="info@clsg.org.uk", website="https://www.clsg.org.uk/",
    opening_hours=[hours("clsg", SCHOOL_HOURS, "08:15", "16:00", note="Term time only")],
    location_ids=where(CLSG_SITE), areas_served=["City of London"],
    school=school_info("clsg", None, "https://www.clsg.org.uk/learning-support/", "learningsupport@clsg.org.uk", "020 7847 5500"),
)
service(
    "Golden Lane Children's Centre", COL,
    "Stay and play, baby groups and early learning for children under 5 and their families, including "
    "a weekly sensory play session for children with additional needs.",
    provision_categories=["childcare", "education"], level="universal", provider_type="early-years",
    eligibility=Eligibility(min_age=0, max_age=4, description="Families with children under 5 who live or work in the City."),
    access=Access(routes=["drop-in", "self-referral"], how_to_apply="Come along to any session; no booking needed."),
    delivery=["in-person"], cost=Cost(kind="free"),
    phones=[phone("020 7332 1002", "golden lane centre")], email="childrenscentre@cityoflondon.gov.uk",
    website=f"{SITE}/services/children-and-families/childrens-centre",
    opening_hours=[
        hours("golden lane", WEEKDAYS, "09:00", "17:00"),
        hours("golden lane", ["MO", "TU", "WE", "TH"], "09:00", "13:00", valid_from=D(2026, 12, 22), valid_to=D(2027, 1, 2),
              note="Christmas holiday hours"),
    ],
    closures=[Closure(start=D(2026, 12, 25), end=D(2026, 12, 26), reason="Bank holidays")],
    location_ids=where(GOLDEN_LANE), areas_served=["City of London"], languages=["English", "Bengali"],
    taxonomy_terms=[FH(taxonomy="dfe-family-hubs", code="Early years", label="Early years support")],
)
service(
    "Early Years SEND Inclusion", COL,
    "Advice, training and inclusion funding for nurseries, childminders and pre-schools so that "
    "children with SEND can take up their free early education.",
    provision_categories=["childcare", "education"], level="targeted", provider_type="local-authority",
    send_specific=True,
    eligibility=Eligibility(min_age=0, max_age=5, needs=["communication-interaction", "sensory-physical"],
                            description="Children under 5 with emerging or identified SEND at a City setting."),
    access=Access(routes=["professional-referral"], how_to_apply="Your child's setting asks the Early Years team for support.",
                  referral_contact=contact("Early Years team", "early years", role="Early Years Inclusion Officer",
                                           email="earlyyears@cityoflondon.gov.uk")),
    delivery=["in-person", "online"], cost=Cost(kind="free"),
    email="earlyyears@cityoflondon.gov.uk", website=f"{LO}/early-years",
    location_ids=where(GUILDHALL), areas_served=["City of London"],
)
service(
    "Portage Home Visiting", KIDS,
    "Portage home visitors play and learn with pre-school children with SEND and their families "
    "at home every fortnight, setting small steps together.",
    provision_categories=["education"], level="specialist", provider_type="commissioned", send_specific=True,
    eligibility=Eligibility(min_age=0, max_age=4, needs=["PMLD", "SLD", "communication-interaction"],
                            description="Children under 5 with significant developmental delay or complex needs."),
    access=Access(routes=["professional-referral", "self-referral"], how_to_apply="Ask your health visitor or call the service."),
    delivery=["home-visit"], cost=Cost(kind="free"),
    phones=[phone("020 7253 9966", "portage")], email="portage@squaremileplay.org.uk",
    areas_served=["City of London"], languages=["English", "British Sign Language"],
)
service(
    "Education, Health and Care Needs Assessments", COL,
    "The City's SEND team carries out education, health and care (EHC) needs assessments, writes "
    "EHC plans and holds the annual reviews. Parents, young people and schools can ask for an assessment.",
    provision_categories=["assessment-ehc-plans"], level="specialist", provider_type="local-authority", send_specific=True,
    eligibility=Eligibility(min_age=0, max_age=25, needs=ANY_NEED, description="Children and young people who may need more help than a school or college can give from its own resources."),
    access=Access(routes=["self-referral", "professional-referral"],
                  how_to_apply="Fill in the request form on the Local Offer or write to the SEND team. We reply within 6 weeks.",
                  referral_contact=contact("SEND team", "send team", role="SEND Casework Officer", department="Children and Families Services",
                                           email="send@cityoflondon.gov.uk", phones=[phone("020 7332 1224", "send team")])),
    delivery=["in-person", "telephone", "online"], cost=Cost(kind="free"),
    phones=[phone("020 7332 1224", "ehc service"), phone("020 7332 3501", "ehc service", type="text", description="Text us and we will call back")],
    email="send@cityoflondon.gov.uk", website=f"{LO}/ehc-needs-assessment",
    opening_hours=[hours("send team", WEEKDAYS, "09:00", "17:00")], location_ids=where(GUILDHALL, ONLINE),
    areas_served=["City of London"], languages=["English"],
)
service(
    "Educational Psychology Service", COL,
    "Educational psychologists assess children's learning and development, advise schools and families, "
    "and give the psychological advice for EHC needs assessments.",
    provision_categories=["assessment-ehc-plans", "education"], level="targeted", provider_type="commissioned", send_specific=True,
    eligibility=Eligibility(min_age=0, max_age=25, needs=["cognition-learning", "social-emotional-mental-health"]),
    access=Access(routes=["professional-referral"], how_to_apply="Your child's school or setting refers, with your agreement."),
    delivery=["in-person", "online"], cost=Cost(kind="free"), email="edpsych@cityoflondon.gov.uk",
    location_ids=where(GUILDHALL), areas_served=["City of London"],
)
service(
    "City of London SENDIASS", IAS,
    "Free, impartial and confidential information, advice and support about SEND for children, young "
    "people and parents: EHC needs assessments, plans, reviews, exclusions and appeals.",
    provision_categories=["information-advice-support"], level="universal", provider_type="commissioned", send_specific=True,
    eligibility=Eligibility(min_age=0, max_age=25, needs=ANY_NEED, description="Children and young people with SEND, and their parents and carers."),
    access=Access(routes=["self-referral", "appointment"], how_to_apply="Call, email or use the contact form; we reply within 2 working days."),
    delivery=["telephone", "in-person", "online"], cost=Cost(kind="free"),
    phones=[phone("020 7332 3501", "sendiass service"), phone("020 7332 3502", "sendiass service", type="textphone")],
    email="sendiass@cityoflondonsendiass.org.uk", website="https://www.cityoflondonsendiass.org.uk/",
    opening_hours=[hours("sendiass", ["MO", "TU", "WE", "TH"], "09:30", "16:30"),
                   hours("sendiass", ["FR"], "09:30", "13:00")],
    location_ids=where(ARTIZAN), areas_served=["City of London"], languages=["English", "British Sign Language", "Bengali"],
    taxonomy_terms=[FH(taxonomy="dfe-family-hubs", code="SEND", label="Special educational needs and disabilities (SEND) support",
                       parent="Family support")],
)
service(
    "City of London Parent Carer Forum", PCF,
    "A friendly group of parents and carers who meet each month, share information and work with the "
    "City to improve services for children and young people with SEND.",
    provision_categories=["information-advice-support"], level="universal", provider_type="voluntary-community", send_specific=True,
    eligibility=Eligibility(min_age=0, max_age=25, needs=ANY_NEED, description="Parents and carers of a child or young person with SEND living in the City."),
    access=Access(routes=["membership", "self-referral"], how_to_apply="Email the forum to join; membership is free."),
    delivery=["in-person", "online"], cost=Cost(kind="free"),
    email="hello@cityparentcarerforum.org.uk", website="https://www.cityparentcarerforum.org.uk/",
    hours_description="Coffee mornings on the first Wednesday of each month, 10am to midday, and online evening meetings each term.",
    location_ids=where(PORTSOKEN), areas_served=["City of London"],
)
service(
    "Family Information Service", COL,
    "Information for families about childcare, early education funding, activities, benefits and "
    "support, including help finding childcare for a child with SEND.",
    provision_categories=["information-advice-support", "childcare"], level="universal", provider_type="local-authority",
    eligibility=Eligibility(min_age=0, max_age=19, description="Families who live or work in the City."),
    access=Access(routes=["self-referral", "drop-in"], how_to_apply="Call, email or visit the Guildhall."),
    delivery=["telephone", "online", "in-person"], cost=Cost(kind="free"),
    phones=[phone("020 7332 3002", "fis")], email="fis@cityoflondon.gov.uk", website=f"{SITE}/services/children-and-families/family-information-service",
    opening_hours=[hours("fis", WEEKDAYS, "09:00", "17:00")], location_ids=where(GUILDHALL), areas_served=["City of London"],
)
service(
    "Children's Speech and Language Therapy", HOMERTON,
    "Assessment and therapy for children with speech, language, communication, eating and drinking needs, "
    "at home, in clinic, in nursery and in school.",
    provision_categories=["health"], level="specialist", provider_type="nhs", send_specific=True,
    eligibility=Eligibility(min_age=0, max_age=18, needs=["SLCN", "ASD"], description="Children registered with a City GP or at a City school."),
    access=Access(routes=["self-referral", "professional-referral"], how_to_apply="Parents of under-5s can refer themselves; schools refer older children."),
    delivery=["in-person", "online"], cost=Cost(kind="free"),
    phones=[phone("020 8510 8011", "salt")], email="huh-tr.childrenstherapies@nhs.net",
    website="https://www.homerton.nhs.uk/childrens-speech-and-language-therapy",
    opening_hours=[hours("salt", WEEKDAYS, "08:30", "17:00")], location_ids=where(NEAMAN, HOMERTON_SITE),
    areas_served=["City of London", "Hackney"], languages=["English", "Turkish", "Bengali"],
)
service(
    "Children's Occupational Therapy", HOMERTON,
    "Occupational therapists help children with everyday activities such as dressing, writing and play, "
    "and advise on equipment and adaptations at home and school.",
    provision_categories=["health"], level="specialist", provider_type="nhs", send_specific=True,
    eligibility=Eligibility(min_age=0, max_age=18, needs=["PD", "sensory-physical"]),
    access=Access(routes=["professional-referral"], how_to_apply="Ask your GP, paediatrician or school to refer."),
    delivery=["in-person", "home-visit"], cost=Cost(kind="free"),
    phones=[phone("020 8510 8011", "ot")], email="huh-tr.childrenstherapies@nhs.net",
    opening_hours=[hours("ot", WEEKDAYS, "08:30", "17:00")], location_ids=where(HOMERTON_SITE), in_area=False,
    areas_served=["City of London", "Hackney"],
)
service(
    "Children's Physiotherapy", HOMERTON,
    "Physiotherapy for children with physical disabilities or delayed motor development, including "
    "hydrotherapy and advice for schools.",
    provision_categories=["health"], level="specialist", provider_type="nhs", send_specific=True,
    eligibility=Eligibility(min_age=0, max_age=19, needs=["PD"]),
    access=Access(routes=["professional-referral"], how_to_apply="A GP, paediatrician or health visitor refers."),
    delivery=["in-person"], cost=Cost(kind="free"), phones=[phone("020 8510 8011", "physio")],
    location_ids=where(HOMERTON_SITE), in_area=False, areas_served=["City of London", "Hackney"],
)
service(
    "City and Hackney CAMHS", ELFT,
    "The child and adolescent mental health service: assessment and treatment for children and young "
    "people with emotional, behavioural or mental health difficulties, including autism and ADHD assessments.",
    provision_categories=["health"], level="specialist", provider_type="nhs",
    eligibility=Eligibility(min_age=0, max_age=18, needs=["SEMH", "ASD"]),
    access=Access(routes=["professional-referral", "self-referral"], how_to_apply="Young people aged 16 and over, and parents, can refer themselves online."),
    delivery=["in-person", "online", "telephone"], cost=Cost(kind="free"),
    phones=[phone("020 7683 4300", "camhs"), phone("0800 073 0003", "camhs", description="Crisis line, 24 hours")],
    contacts=[contact("CAMHS duty clinician", "camhs", role="Duty clinician", department="City and Hackney CAMHS",
                      email="elft.cityhackneycamhs@nhs.net",
                      phones=[phone("020 7683 4300", "camhs duty", extension="2", type="voice", description="Ask for the duty clinician")])],
    website="https://www.elft.nhs.uk/camhs-city-and-hackney",
    opening_hours=[hours("camhs", WEEKDAYS, "09:00", "17:00")], location_ids=where(CAMHS_SITE), in_area=False,
    areas_served=["City of London", "Hackney"],
)
service(
    "Health Visiting and School Nursing", HOMERTON,
    "Health visitors check every young child's development, including the 2-year review, and school "
    "nurses support children's health in school, including care plans for medical needs.",
    provision_categories=["health"], level="universal", provider_type="nhs",
    eligibility=Eligibility(min_age=0, max_age=19),
    access=Access(routes=["self-referral", "drop-in"], how_to_apply="Every family with a new baby is contacted; drop-in clinics are weekly."),
    delivery=["in-person", "home-visit"], cost=Cost(kind="free"),
    phones=[phone("020 8510 5555", "health visiting")], location_ids=where(NEAMAN, GOLDEN_LANE),
    opening_hours=[hours("hv clinic", ["TU"], "10:00", "12:00", note="Drop-in baby clinic at Golden Lane")],
    areas_served=["City of London"],
)
service(
    "Children with Disabilities Social Work", COL,
    "Social workers assess the needs of disabled children and their families, arrange care and "
    "support, and contribute to EHC plans.",
    provision_categories=["social-care"], level="specialist", provider_type="local-authority", send_specific=True,
    eligibility=Eligibility(min_age=0, max_age=18, needs=["PMLD", "SLD", "PD", "ASD"],
                            description="Disabled children who live in the City, and their families."),
    access=Access(routes=["self-referral", "professional-referral"], how_to_apply="Contact the Children and Families Services duty team."),
    delivery=["in-person", "home-visit", "telephone"], cost=Cost(kind="free"),
    phones=[phone("020 7332 3621", "cwd"), phone("020 8356 2710", "cwd", description="Out of hours emergency duty team")],
    email="childrens.duty@cityoflondon.gov.uk", opening_hours=[hours("cwd", WEEKDAYS, "09:00", "17:00")],
    contacts=[contact("Children with Disabilities team", "cwd", role="Team Manager, Children with Disabilities",
                      email="childrens.duty@cityoflondon.gov.uk")],
    location_ids=where(GUILDHALL), areas_served=["City of London"],
)
service(
    "Short Breaks Programme", KIDS,
    "Short breaks give disabled children time to have fun and families a break from caring: Saturday "
    "clubs, holiday play schemes, overnight breaks and sitting services.",
    provision_categories=["leisure-short-breaks", "social-care"], level="targeted", provider_type="commissioned", send_specific=True,
    eligibility=Eligibility(min_age=5, max_age=18, ehc_plan_required=False, needs=ANY_NEED,
                            description="Disabled children and young people living in the City; no assessment needed for the local short breaks offer."),
    access=Access(routes=["self-referral", "professional-referral"], how_to_apply="Register with the programme by phone or email."),
    delivery=["in-person"],
    cost=Cost(kind="varies", personal_budget=True, direct_payments=True,
              options=[price("short breaks", "Saturday club", None, amount_description="Free for City residents"),
                       price("short breaks", "Overnight break", "0.00", amount_description="Funded by the City after a social care assessment")],
              description="Most sessions are free; some trips ask for a small contribution."),
    phones=[phone("020 7253 9966", "short breaks service")], email="shortbreaks@squaremileplay.org.uk",
    website="https://www.squaremileplay.org.uk/short-breaks",
    opening_hours=[hours("short breaks", ["SA"], "10:00", "15:00"),
                   hours("short breaks", WEEKDAYS, "10:00", "16:00", valid_from=D(2027, 4, 6), valid_to=D(2027, 4, 16), note="Easter play scheme")],
    location_ids=where(PORTSOKEN), areas_served=["City of London"], languages=["English", "British Sign Language"],
    accessibility="Staff are trained in Makaton, moving and handling and medication.",
    taxonomy_terms=[FH(taxonomy="dfe-family-hubs", code="Breaks and respite", label="Breaks and respite",
                       uri="https://www.gov.uk/government/publications/family-hubs-service-directory")],
)
service(
    "Inclusive Swimming and Multi-sports", GLSF,
    "Quiet, small-group swimming lessons and multi-sports sessions for children with SEND, with trained "
    "instructors and a changing places toilet.",
    provision_categories=["leisure-short-breaks"], level="universal", provider_type="private",
    eligibility=Eligibility(min_age=4, max_age=16, description="Children with SEND; a parent or carer stays for under-8s."),
    access=Access(routes=["appointment"], how_to_apply="Book online or at reception."),
    delivery=["in-person"],
    cost=Cost(kind="paid", personal_budget=False, direct_payments=True,
              options=[price("swimming", "Per session", "6.50"), price("swimming", "Ten-session pass", "55.00")]),
    phones=[phone("020 7250 1464", "swimming")], website="https://www.goldenlanesportandfitness.co.uk/inclusive",
    opening_hours=[hours("swimming", ["SA", "SU"], "09:00", "12:00")], location_ids=where(GL_SPORT),
    areas_served=["City of London", "Islington"],
)
service(
    "Relaxed Performances at the Barbican", BARBICAN,
    "Relaxed performances and family events with a relaxed attitude to noise and movement, a chill-out "
    "space and visual stories to prepare before a visit.",
    provision_categories=["leisure-short-breaks"], level="universal", provider_type="local-authority",
    eligibility=Eligibility(min_age=0, max_age=25),
    access=Access(routes=["appointment"], how_to_apply="Book online or through the access booking line; join the free access scheme for a free companion ticket."),
    delivery=["in-person"],
    cost=Cost(kind="paid", options=[price("barbican", "Child ticket", "8.00"), price("barbican", "Companion ticket", "0.00")]),
    phones=[phone("020 7638 8891", "barbican service")], email="access@barbican.org.uk",
    website="https://www.barbican.org.uk/your-visit/access",
    location_ids=where(BARBICAN_SITE), areas_served=["London"],
)
service(
    "Sensory Storytime", COL,
    "Weekly sensory stories and songs for young children with SEND and their families at the Barbican "
    "Children's Library.",
    provision_categories=["leisure-short-breaks"], level="universal", provider_type="local-authority",
    eligibility=Eligibility(min_age=0, max_age=7),
    access=Access(routes=["drop-in"]), delivery=["in-person"], cost=Cost(kind="free"),
    phones=[phone("020 7638 0672", "storytime")], email="barbicanchildrens@cityoflondon.gov.uk",
    opening_hours=[hours("storytime", ["TH"], "10:30", "11:15", note="Term time only")],
    location_ids=where(BARBICAN_LIB), areas_served=["City of London"],
    # Checked 13 months before 2026-11-29: a deliberate service.stale warning (see README).
    last_checked=D(2025, 10, 20),
)
service(
    "SEND Travel Assistance", COL,
    "Travel assistance for children and young people with an EHC plan who cannot get to school or "
    "college on their own: travel passes, personal transport budgets or a minibus with a passenger assistant.",
    provision_categories=["travel-transport"], level="specialist", provider_type="local-authority", send_specific=True,
    eligibility=Eligibility(min_age=5, max_age=25, ehc_plan_required=True, needs=ANY_NEED,
                            description="Children and young people with an EHC plan who meet the criteria of the travel policy."),
    access=Access(routes=["ehc-plan"], how_to_apply="Apply with the form in the travel assistance policy; reapply each school year."),
    delivery=["in-person"], cost=Cost(kind="free", personal_budget=True, description="Personal transport budgets are paid monthly."),
    phones=[phone("020 7332 1224", "travel")], email="send@cityoflondon.gov.uk", website=f"{LO}/travel-assistance",
    areas_served=["City of London"],
)
service(
    "Independent Travel Training", KIDS,
    "One-to-one training for young people with SEND to learn a route to school, college or work on "
    "public transport, safely and at their own pace.",
    provision_categories=["travel-transport", "preparing-for-adulthood"], level="targeted", provider_type="commissioned", send_specific=True,
    eligibility=Eligibility(min_age=11, max_age=25, needs=["MLD", "ASD"]),
    access=Access(routes=["professional-referral"], how_to_apply="The SEND team or your school refers."),
    delivery=["in-person"], cost=Cost(kind="free"), email="travel@squaremileplay.org.uk", areas_served=["City of London"],
)
service(
    "Supported Internships in the City", NCC,
    "A one-year study programme for young people with an EHC plan, based with City employers, with a "
    "job coach and the aim of paid work.",
    provision_categories=["training-employment", "preparing-for-adulthood"], level="targeted", provider_type="post-16",
    in_area=False, send_specific=True,
    eligibility=Eligibility(min_age=16, max_age=24, ehc_plan_required=True, needs=["MLD", "ASD", "SLD"]),
    access=Access(routes=["ehc-plan", "appointment"], how_to_apply="Talk to the SEND team at your annual review in Year 13."),
    delivery=["in-person"], cost=Cost(kind="free"), phones=[phone("020 7613 9123", "internships")],
    email="supportedinternships@ncclondon.ac.uk", location_ids=where(NCC_SITE), areas_served=["City of London", "Hackney"],
)
service(
    "Preparing for Adulthood", COL,
    "Planning from Year 9 with young people with SEND for work, independent living, friendships and "
    "good health, and for the move to adult health and social care.",
    provision_categories=["preparing-for-adulthood", "social-care"], level="specialist", provider_type="local-authority", send_specific=True,
    eligibility=Eligibility(min_age=14, max_age=25, needs=ANY_NEED, description="Young people with an EHC plan or known to social care."),
    access=Access(routes=["professional-referral", "self-referral"]), delivery=["in-person", "online"], cost=Cost(kind="free"),
    email="send@cityoflondon.gov.uk", website=f"{LO}/preparing-for-adulthood", location_ids=where(GUILDHALL),
    areas_served=["City of London"],
)
service(
    "SEND Mediation and Disagreement Resolution", MEDIATION,
    "Independent mediation about EHC needs assessments and plans before an appeal to the Tribunal, and "
    "disagreement resolution for any SEND disagreement.",
    provision_categories=["complaints-disagreement"], level="targeted", provider_type="commissioned", send_specific=True,
    eligibility=Eligibility(min_age=0, max_age=25, needs=ANY_NEED),
    access=Access(routes=["self-referral"], how_to_apply="Call the freephone line within 2 months of the City's decision letter."),
    delivery=["telephone", "online", "in-person"], cost=Cost(kind="free"),
    phones=[phone("0800 028 8200", "mediation")], email="referrals@capitalsendmediation.co.uk",
    website="https://www.capitalsendmediation.co.uk/city-of-london", areas_served=["City of London"],
)
service(
    "Comments, Compliments and Complaints", COL,
    "How to make a complaint about the City's SEND, education or social care services, and what happens next.",
    provision_categories=["complaints-disagreement"], level="universal", provider_type="local-authority",
    eligibility=Eligibility(min_age=0, max_age=25, description="Anyone who uses, or asks for, the City's services."),
    access=Access(routes=["self-referral"], how_to_apply="Use the online form, email or write to the Complaints team at the Guildhall."),
    delivery=["online", "telephone"], cost=Cost(kind="free"),
    phones=[phone("020 7332 1428", "complaints")], email="complaints@cityoflondon.gov.uk",
    website=f"{SITE}/about-us/contact-us/complaints", areas_served=["City of London"],
)
service(
    "Childminders Welcoming Children with SEND", CHILDMINDERS,
    "Registered childminders who have had SEND training and take children with additional needs.",
    provision_categories=["childcare"], level="targeted", provider_type="private",
    eligibility=Eligibility(min_age=0, max_age=11),
    access=Access(routes=["self-referral"], how_to_apply="Ask the Family Information Service for a list of childminders."),
    delivery=["in-person"],
    cost=Cost(kind="paid", options=[price("childminders", "Per hour", None, amount_description="Typically £9 to £12 an hour")],
              description="Funded early education hours can be used."),
    email="childminding@cityoflondon.gov.uk", areas_served=["City of London", "Islington"],
)
service(
    "Inclusive Drama Club", ARTS,
    "Weekly drama, music and movement for young people with SEND, ending in a show at the Barbican each summer.",
    status="temporarily closed", provision_categories=["leisure-short-breaks"], level="targeted",
    provider_type="voluntary-community", send_specific=True,
    eligibility=Eligibility(min_age=11, max_age=19, needs=["communication-interaction", "cognition-learning"]),
    access=Access(routes=["self-referral"], how_to_apply="Email the group to go on the waiting list."),
    delivery=["in-person"], cost=Cost(kind="paid", options=[price("drama", "Per term", "30.00")]),
    email="info@squaremileinclusivearts.org.uk", hours_description="Closed until spring 2027 while the group moves to a new hall.",
    closures=[Closure(start=D(2026, 10, 1), end=D(2027, 3, 31), reason="Moving to a new hall")],
    location_ids=where(ARTIZAN), areas_served=["City of London"],
)
# Out-of-area provision (Children and Families Act 2014 s30(1); SEND Regulations 2014 Schedule 2 para 2).
service(
    "Kate Greenaway Nursery School", KGN,
    "A maintained nursery school with specialist resourced places for children aged 2 to 4 with autism "
    "and complex needs.",
    provision_categories=["education", "childcare"], level="targeted", provider_type="early-years", in_area=False,
    eligibility=Eligibility(min_age=2, max_age=4, needs=["ASD", "SLCN"]),
    access=Access(routes=["professional-referral", "self-referral"]), delivery=["in-person"], cost=Cost(kind="free"),
    phones=[phone("020 7837 9062", "kgn service")], location_ids=where(KGN_SITE), areas_served=["Islington", "City of London"],
    school=school_info("kgn", None, "https://www.kategreenaway.islington.sch.uk/send/", "senco@kategreenaway.islington.sch.uk", "020 7837 9062"),
)
service(
    "Richard Cloudesley School", RCS,
    "A special school for pupils with physical disabilities and complex medical needs, with therapies on site.",
    provision_categories=["education"], level="specialist", provider_type="maintained-school", in_area=False, send_specific=True,
    eligibility=Eligibility(min_age=2, max_age=19, needs=["PD", "PMLD", "MSI"], ehc_plan_required=True),
    access=Access(routes=["ehc-plan"], how_to_apply="Places are agreed through the EHC plan process."),
    delivery=["in-person"], cost=Cost(kind="free"), location_ids=where(RCS_SITE), areas_served=["Islington", "City of London"],
    opening_hours=[hours("rcs", SCHOOL_HOURS, "08:50", "15:20", note="Term time only")],
    school=school_info("rcs", "100476", "https://www.richardcloudesley.islington.sch.uk/sen-information-report/",
                       "senco@richardcloudesley.islington.sch.uk", "020 7786 4800"),
)
service(
    "Samuel Rhodes School", SRS,
    "A special school for pupils with moderate learning difficulties and autism, with a sixth form.",
    provision_categories=["education"], level="specialist", provider_type="maintained-school", in_area=False, send_specific=True,
    eligibility=Eligibility(min_age=5, max_age=19, needs=["MLD", "ASD"], ehc_plan_required=True),
    access=Access(routes=["ehc-plan"]), delivery=["in-person"], cost=Cost(kind="free"),
    location_ids=where(SRS_SITE), areas_served=["Islington", "City of London"],
    school=school_info("srs", "100475", "https://www.samuelrhodes.islington.sch.uk/send-information-report/",
                       "senco@samuelrhodes.islington.sch.uk", "020 7837 7345"),
)
service(
    "Stephen Hawking School", SHS,
    "A primary special school for children with profound and multiple learning difficulties.",
    provision_categories=["education"], level="specialist", provider_type="maintained-school", in_area=False, send_specific=True,
    eligibility=Eligibility(min_age=2, max_age=11, needs=["PMLD", "SLD"], ehc_plan_required=True),
    access=Access(routes=["ehc-plan"]), delivery=["in-person"], cost=Cost(kind="free"),
    location_ids=where(SHS_SITE), areas_served=["Tower Hamlets", "City of London"],
    school=school_info("shs", "131013", "https://www.stephenhawkingschool.co.uk/sen-information-report/",
                       "senco@stephenhawking.towerhamlets.sch.uk", "020 7423 9848"),
)
service(
    "City of London Academy Islington", COLAI,
    "A mainstream secondary academy with a specialist resource base for students with speech, language "
    "and communication needs.",
    provision_categories=["education"], level="universal", provider_type="academy", in_area=False,
    eligibility=Eligibility(min_age=11, max_age=18, needs=["SLCN"]),
    access=Access(routes=["self-referral"], how_to_apply="Apply through the pan-London secondary admissions form."),
    delivery=["in-person"], cost=Cost(kind="free"), location_ids=where(COLAI_SITE), areas_served=["Islington", "City of London"],
    school=school_info("colai", "135705", "https://www.cityacademyislington.org.uk/sen-information-report/",
                       "senco@cityacademyislington.org.uk", "020 7226 8500"),
)
service(
    "The Children's Trust School", CTS,
    "A non-maintained special school with residential places for children with acquired brain injury "
    "and complex health needs.",
    provision_categories=["education", "health"], level="specialist", provider_type="non-maintained-special-school",
    in_area=False, send_specific=True,
    eligibility=Eligibility(min_age=2, max_age=19, needs=["PMLD", "MSI", "PD"], ehc_plan_required=True),
    access=Access(routes=["ehc-plan"]), delivery=["in-person"],
    cost=Cost(kind="paid", options=[price("cts", "Day placement, per year", None, amount_description="Agreed with the City for each placement")],
              description="Fees are paid by the City when the school is named in an EHC plan."),
    location_ids=where(CTS_SITE), areas_served=["England"],
    school=school_info("cts", None, "https://www.thechildrenstrust.org.uk/school/sen-information-report", "school@thechildrenstrust.org.uk",
                       "01737 365000"),
)
service(
    "New City College Hackney: Supported Learning", NCC,
    "Foundation learning courses for students aged 16 to 25 with SEND, from independent living skills to "
    "entry-level qualifications.",
    provision_categories=["education", "preparing-for-adulthood"], level="targeted", provider_type="post-16", in_area=False,
    eligibility=Eligibility(min_age=16, max_age=25, needs=["MLD", "SLD", "ASD"]),
    access=Access(routes=["self-referral", "appointment"]), delivery=["in-person"], cost=Cost(kind="free"),
    location_ids=where(NCC_SITE), areas_served=["Hackney", "City of London"],
    school=school_info("ncc", None, "https://www.ncclondon.ac.uk/send-information-report/", "als@ncclondon.ac.uk", "020 7613 9123"),
)
service(
    "Orchard Hill College", OHC,
    "A specialist further education college for students aged 16 to 25 with learning difficulties and disabilities.",
    provision_categories=["education", "preparing-for-adulthood", "training-employment"], level="specialist",
    provider_type="s41-institution", in_area=False, send_specific=True,
    eligibility=Eligibility(min_age=16, max_age=25, needs=["SLD", "PMLD", "ASD"], ehc_plan_required=True),
    access=Access(routes=["ehc-plan"]), delivery=["in-person"], cost=Cost(kind="not-known", description="Fees are agreed case by case."),
    location_ids=where(OHC_SITE), areas_served=["London"],
    school=school_info("ohc", None, "https://www.orchardhill.ac.uk/send-information-report", "admissions@orchardhill.ac.uk", "020 8770 8000"),
)
service(
    "New Regents College", NRC,
    "Hackney's pupil referral unit for pupils aged 5 to 16 who have been excluded or cannot attend school "
    "for medical reasons; City pupils are placed here by agreement.",
    provision_categories=["education"], level="specialist", provider_type="pupil-referral-unit", in_area=False,
    eligibility=Eligibility(min_age=5, max_age=16, needs=["SEMH"]),
    access=Access(routes=["professional-referral"], how_to_apply="The City's Education team arranges places."),
    delivery=["in-person"], cost=Cost(kind="free"), location_ids=where(NRC_SITE), areas_served=["Hackney", "City of London"],
    school=school_info("nrc", None, "https://www.newregentscollege.org.uk/sen-information-report/", "senco@newregentscollege.org.uk",
                       "020 8525 5000"),
)

# --- The offer -------------------------------------------------------------------------------


def doc(title: str, kind: str, path: str, published: dt.date, **extra: Any) -> Document:
    return Document(id=uid("document", title), title=title, kind=kind, url=f"{LO}/{path}", published=published, **extra)


def link(topic: str, url: str, title: str) -> StatutoryLink:
    return StatutoryLink(topic=topic, url=url, title=title)


OFFER = LocalOffer(
    id=NS,
    local_authority=LocalAuthority(name="City of London Corporation", gss_code="E09000001", website=f"{SITE}/"),
    title="City of London SEND Local Offer",
    description=(
        "The City of London's Local Offer sets out the education, health, social care and leisure "
        "provision for children and young people aged 0 to 25 with special educational needs and "
        "disabilities, in the City and outside it. It aims to give parents clear information so they "
        "can make informed choices, to help families get support early, and to show the City where "
        "there are gaps in provision."
    ),
    website=f"{LO}/",
    published=D(2014, 9, 1),
    last_reviewed=D(2026, 9, 30),
    contact=Contact(
        id=uid("contact", "Local Offer"), name="SEND Local Offer team", role="SEND Local Offer Officer",
        department="Children and Families Services", email="localoffer@cityoflondon.gov.uk",
        phones=[phone("020 7332 1002", "local offer", description="Monday to Friday, 9am to 5pm"),
                phone("020 7606 3030", "local offer switchboard", extension="1002", description="Through the Guildhall switchboard")],
    ),
    offline_access=(
        "If you do not have internet access, ask for the Local Offer by email or on paper: email "
        "localoffer@cityoflondon.gov.uk or call 020 7332 1002 and we will send you the sections you "
        "need. Printed copies are also available at the Guildhall and Artizan Street Library."
    ),
    accessibility_statement=(
        "The Local Offer pages meet WCAG 2.2 AA. The SEND strategy is available in easy read and "
        "British Sign Language; other documents can be provided in large print, audio or another "
        "language on request. Interpreters, including BSL, can be booked for meetings."
    ),
    documents=[
        doc("City of London SEND and Alternative Provision Strategy 2025-2028", "send-strategy", "send-strategy", D(2025, 3, 1),
            accessible_versions=[
                AccessibleVersion(format="easy-read", url=f"{LO}/send-strategy-easy-read"),
                AccessibleVersion(format="bsl", url=f"{LO}/send-strategy-bsl"),
                AccessibleVersion(format="large-print", how_to_request="Email localoffer@cityoflondon.gov.uk"),
                AccessibleVersion(format="other-language", language="Bengali", how_to_request="Call 020 7332 1002"),
            ]),
        doc("Short Breaks Services Statement 2026", "policy", "short-breaks-statement", D(2026, 4, 1)),
        doc("SEND Travel Assistance Policy 2026-27", "policy", "travel-assistance-policy", D(2026, 6, 1)),
        doc("Personal Budgets Policy", "policy", "personal-budgets", D(2025, 11, 1)),
        doc("Guide to EHC Needs Assessments", "guide", "ehc-guide", D(2026, 1, 15),
            accessible_versions=[AccessibleVersion(format="audio", url=f"{LO}/ehc-guide-audio")]),
    ],
    feedback_reports=[
        FeedbackReport(
            id=uid("feedback", "You said, we did 2025-26"), title="You said, we did 2025-26",
            period_start=D(2025, 9, 1), period_end=D(2026, 8, 31), published=D(2026, 10, 15),
            url=f"{LO}/you-said-we-did",
            summary=(
                "Families sent 41 comments through the Local Offer's Contact us form, the Parent Carer Forum "
                "and the annual survey. Most were about finding out-of-area schools and short breaks."
            ),
            items=[
                FeedbackItem(you_said="It was hard to find which special schools outside the City take City children.",
                             we_did="We added every out-of-area school the City uses, with its SEN information report."),
                FeedbackItem(you_said="Short breaks information was out of date.",
                             we_did="The short breaks statement was rewritten with the Parent Carer Forum in April 2026."),
                FeedbackItem(you_said="We would like the Local Offer in other languages.",
                             we_did="A Bengali version of the SEND strategy is available; more are planned for 2027."),
            ],
        ),
        FeedbackReport(
            id=uid("feedback", "You said, we did 2024-25"), title="You said, we did 2024-25",
            period_start=D(2024, 9, 1), period_end=D(2025, 8, 31), published=D(2025, 10, 10),
            url=f"{LO}/you-said-we-did-2024-25",
            items=[FeedbackItem(you_said="The EHC process was hard to follow.", we_did="We published a guide to EHC needs assessments.")],
        ),
    ],
    statutory_links=[
        link("ehc-needs-assessment", f"{LO}/ehc-needs-assessment", "Asking for an EHC needs assessment"),
        link("complaints", f"{SITE}/about-us/contact-us/complaints", "Comments, compliments and complaints"),
        link("mediation", f"{LO}/mediation", "Mediation and disagreement resolution"),
        link("tribunal-appeals", "https://www.gov.uk/courts-tribunals/first-tier-tribunal-special-educational-needs-and-disability",
             "Appeal to the First-tier Tribunal (SEND)"),
        link("sendiass", "https://www.cityoflondonsendiass.org.uk/", "City of London SENDIASS"),
        link("parent-carer-forum", "https://www.cityparentcarerforum.org.uk/", "City of London Parent Carer Forum"),
        link("short-breaks-statement", f"{LO}/short-breaks-statement", "Short Breaks Services Statement"),
        link("transport-policy", f"{LO}/travel-assistance-policy", "SEND Travel Assistance Policy"),
        link("personal-budgets", f"{LO}/personal-budgets", "Personal Budgets Policy"),
        link("s41-list", "https://www.gov.uk/government/publications/independent-special-schools-and-colleges",
             "Independent special schools and colleges (section 41 list)"),
        link("higher-education", f"{LO}/higher-education", "Support in higher education"),
    ],
    absent_provision=[
        AbsentProvision(provider_type="academy", reason="There are no academies in the Square Mile; the City's sponsored academies are in neighbouring boroughs and are listed as provision outside the area."),
        AbsentProvision(provider_type="non-maintained-special-school", reason="There are no non-maintained special schools in the City."),
        AbsentProvision(provider_type="post-16", reason="There is no further education college or maintained sixth form in the City; young people attend colleges in neighbouring boroughs."),
        AbsentProvision(provider_type="s41-institution", reason="No section 41 approved institution is in the City."),
        AbsentProvision(provider_type="pupil-referral-unit", reason="The City has no pupil referral unit; places are arranged at Hackney's New Regents College."),
        AbsentProvision(provider_type="commissioned", in_area=False, reason="The City commissions its services for City residents; none is commissioned outside the area."),
    ],
    organisations=sorted(ORGS.values(), key=lambda o: o.name),
    locations=sorted(LOCS.values(), key=lambda x: x.name),
    services=SERVICES,
    extensions={"x-city-of-london": {"local_offer_page": f"{LO}/", "build": "examples/city-of-london/build.py"}},
)

#: The example in every format the library writes: file or folder name, format, options.
EXPORTS: list[tuple[str, str, dict[str, Any]]] = [
    ("offer.json", "json", {}),
    ("offer.xlsx", "xlsx", {}),
    ("csv", "csv", {}),
    ("offer.hsds.json", "hsds", {"hsds_version": "3.1"}),
    ("offer.oruk.json", "oruk", {}),
    ("hsds-tabular", "hsds-tabular", {"hsds_version": "3.1"}),
    ("offer.ttl", "turtle", {"base_iri": BASE_IRI}),
    ("offer.nt", "ntriples", {"base_iri": BASE_IRI}),
    ("offer.jsonld", "jsonld", {"base_iri": BASE_IRI}),
    ("offer.rdf", "rdfxml", {"base_iri": BASE_IRI}),
]


def export(folder: Path) -> list[Path]:
    """Write the example in every format into ``folder``."""
    written = []
    for name, fmt, options in EXPORTS:
        sendlocaloffer.dump(OFFER, folder / name, format=fmt, **options)
        written.append(folder / name)
    return written


if __name__ == "__main__":
    for path in export(Path(__file__).parent):
        print(path)
