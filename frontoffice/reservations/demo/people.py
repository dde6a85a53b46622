"""Plausible guests for the demo: names by nationality, contact details, identity documents.

Also what guests ask for and why they cancel, as the planner writes it on their stays.
Everything is drawn from the random generator the caller passes, so a seed repeats.
"""

import datetime as dt
import random
import unicodedata
from dataclasses import dataclass
from itertools import accumulate


def _words(text: str) -> list[str]:
    return text.split()


FIRST_NAMES = {
    "es": _words(
        "María Carmen Ana Laura Lucía Marta Elena Paula Sara Cristina Isabel Pilar Rosa Teresa Alba Nuria Irene "
        "Antonio José Manuel Francisco David Juan Javier Daniel Carlos Jesús Alejandro Miguel Rafael Pablo Sergio "
        "Álvaro Fernando Jorge Luis Andrés Diego Raúl Iván Rubén Óscar Adrián"
    ),
    "en": _words(
        "Emma Olivia Sophie Charlotte Emily Grace Hannah Lucy Jessica Sarah James Oliver Thomas William "
        "Harry George Jack Daniel Michael Robert Matthew Andrew Christopher Ryan"
    ),
    "fr": _words(
        "Camille Léa Manon Chloé Inès Juliette Louise Julien Nicolas Thomas Antoine Lucas Hugo Mathieu Pierre"
    ),
    "de": _words("Anna Lena Julia Laura Katharina Sophie Lukas Jonas Maximilian Felix Stefan Tobias Florian Markus"),
    "it": _words("Giulia Francesca Chiara Sara Martina Alessandro Lorenzo Matteo Andrea Marco Luca Davide"),
    "pt": _words("Ana Beatriz Mariana Inês Catarina João Pedro Tiago Rui Miguel Gonçalo Diogo"),
    "nl": _words("Sanne Lotte Emma Fleur Anouk Daan Sem Bram Jeroen Thijs Ruben Koen"),
    "sv": _words("Elsa Maja Astrid Ingrid Erik Lars Anders Johan Nils Oskar"),
    "ja": _words("Yuki Haruka Aoi Sakura Hiroshi Kenji Takeshi Daiki Shota Ren"),
    "zh": _words("Wei Fang Li Jing Min Hui Lei Jun Yan Tao"),
}
LAST_NAMES = {
    "es": _words(
        "García González Rodríguez Fernández López Martínez Sánchez Pérez Gómez Martín Jiménez Ruiz Hernández "
        "Díaz Moreno Muñoz Álvarez Romero Alonso Gutiérrez Navarro Torres Domínguez Vázquez Ramos Gil Ramírez "
        "Serrano Blanco Molina Morales Suárez Ortega Delgado Castro Ortiz Rubio Marín Sanz Iglesias"
    ),
    "en": _words(
        "Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson Evans Walker White "
        "Roberts Green Hall Wood Jackson Clarke Miller Davis Anderson Murphy Kelly"
    ),
    "fr": _words("Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefebvre"),
    "de": _words("Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch Richter Wolf"),
    "it": _words("Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti"),
    "pt": _words("Silva Santos Ferreira Pereira Oliveira Costa Rodrigues Martins Sousa Fernandes Gonçalves"),
    "nl": ["de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Visser", "Smit", "Meijer"],
    "sv": _words("Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson"),
    "ja": _words("Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato"),
    "zh": _words("Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou"),
}


@dataclass(frozen=True)
class Nationality:
    country: str
    names: str  # key of FIRST_NAMES / LAST_NAMES
    language: str  # the guest's language for documents and messages: es or en
    phone: str  # E.164 pattern whose random digits make a valid number
    digits: int


NATIONALITIES = {
    n.country: n
    for n in [
        Nationality("ES", "es", "es", "+346", 8),
        Nationality("MX", "es", "es", "+5255", 8),
        Nationality("AR", "es", "es", "+549114", 7),
        Nationality("GB", "en", "en", "+44740", 7),
        Nationality("IE", "en", "en", "+35385", 7),
        Nationality("US", "en", "en", "+1212555", 4),
        Nationality("FR", "fr", "en", "+3361", 7),
        Nationality("DE", "de", "en", "+49151", 8),
        Nationality("CH", "de", "en", "+4179", 7),
        Nationality("IT", "it", "en", "+39347", 7),
        Nationality("PT", "pt", "en", "+35191", 7),
        Nationality("BR", "pt", "en", "+551198", 7),
        Nationality("NL", "nl", "en", "+3161", 7),
        Nationality("SE", "sv", "en", "+4670", 7),
        Nationality("JP", "ja", "en", "+81903", 7),
        Nationality("CN", "zh", "en", "+86139", 8),
    ]
}
DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"
EMAIL_DOMAINS = ["example.com", "example.org", "example.net"]
PREFERENCES = ["high_floor", "quiet_room", "twin_beds", "feather_free_pillows", "late_check_out", "extra_towels"]
SPECIAL_REQUESTS = [
    "Late arrival, around midnight",
    "Cuna para un bebé",
    "High floor, away from the lift",
    "Habitación tranquila, por favor",
    "Celebrating an anniversary",
    "Alergia a los frutos secos",
    "Early check-in if possible",
    "Two single beds",
    "Necesita plaza de aparcamiento",
]
CANCEL_REASONS = [
    "Change of travel plans",
    "Trip postponed",
    "Booked another hotel",
    "Meeting cancelled",
    "Illness",
    "Flight cancelled",
    "Cambio de fechas",
]


def ascii_slug(text: str) -> str:
    """Lower-case ASCII without spaces, for made-up email addresses."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().replace(" ", "")


class PlannedGuest:
    """A guest profile to insert; its slots are the Guest model's attribute names."""

    __slots__ = (
        "first_name",
        "last_name",
        "email",
        "phone",
        "language",
        "nationality",
        "birth_date",
        "company_id",
        "vip_level",
        "preferences",
        "document_type",
        "document_number",
        "document_country",
    )

    def __init__(self, **values):
        self.document_type = self.document_number = self.document_country = ""
        for key, value in values.items():
            setattr(self, key, value)


class GuestMaker:
    """Plausible guests: names by nationality, a reserved-domain email, a valid mobile number."""

    def __init__(self, rng: random.Random, nationalities: dict[str, float], today: dt.date):
        self.rng = rng
        self.codes = list(nationalities)
        self.cum_weights = list(accumulate(nationalities.values()))
        self.today = today
        self.serial = 0

    def make(self, company_id: int | None = None) -> PlannedGuest:
        rng = self.rng
        nat = NATIONALITIES[rng.choices(self.codes, cum_weights=self.cum_weights)[0]]
        first = rng.choice(FIRST_NAMES[nat.names])
        last = rng.choice(LAST_NAMES[nat.names])
        if nat.names == "es":
            last = f"{last} {rng.choice(LAST_NAMES['es'])}"  # two surnames
        self.serial += 1
        email = f"{ascii_slug(first)}.{ascii_slug(last.split()[0])}{self.serial}@{rng.choice(EMAIL_DOMAINS)}"
        phone = nat.phone + str(rng.randrange(10**nat.digits)).zfill(nat.digits)
        vip = rng.choice([1, 1, 2, 3]) if rng.random() < 0.01 else 0
        return PlannedGuest(
            first_name=first,
            last_name=last,
            email=email if rng.random() < 0.92 else "",
            phone=phone if rng.random() < 0.85 else "",
            language=nat.language,
            nationality=nat.country,
            birth_date=self.today - dt.timedelta(days=rng.randint(20 * 365, 78 * 365)),
            company_id=company_id,
            vip_level=vip,
            preferences=rng.sample(PREFERENCES, rng.randint(1, 2)) if vip or rng.random() < 0.05 else [],
        )

    def register(self, guest: PlannedGuest) -> None:
        """The identity document the desk recorded at check-in."""
        if guest.document_number:
            return
        if guest.nationality == "ES":
            number = self.rng.randrange(10**8)
            guest.document_type, guest.document_number = "dni", f"{number:08d}{DNI_LETTERS[number % 23]}"
        else:
            letters = "".join(self.rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(2))
            guest.document_type, guest.document_number = "passport", f"{letters}{self.rng.randrange(10**7):07d}"
        guest.document_country = guest.nationality
