"""Routing of new cases to a queue, and recusal of officers named in a case.

* Gratification reports always go to the UPG queue (domain.md §1.4).
* Complaints go to the Inspektorat (Irban Khusus). Cases that fall under KPK
  jurisdiction per UU 19/2019 (law-enforcement officers or penyelenggara
  negara involved, or state losses ≥ Rp1.000.000.000) are *flagged*
  "kewenangan KPK/APH" so an officer refers them on (domain.md §3.1, §6.4).
  The thresholds are a data object an administrator can change.
* A case must never be routed to an officer named in it (domain.md §6.4):
  :func:`officers_to_recuse` matches named people against officers by NIP or
  by a normalised name with Indonesian titles and degrees removed.

Pure module: no Flask, no SQLAlchemy.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from .text import N_

# ---------------------------------------------------------------------------
# Routing
# ---------------------------------------------------------------------------

# Reason codes carried in Route.reasons, with officer-facing labels (msgids).
REASON_LABELS: dict[str, str] = {
    "laporan_gratifikasi": N_("Laporan gratifikasi ditangani UPG"),
    "pengaduan_inspektorat": N_("Pengaduan ditangani Inspektorat"),
    "penyelenggara_negara": N_("Terlapor penyelenggara negara: kewenangan KPK/APH (UU 19/2019)"),
    "aparat_penegak_hukum": N_("Terlapor aparat penegak hukum: kewenangan KPK/APH (UU 19/2019)"),
    "kerugian_negara": N_("Perkiraan kerugian negara mencapai ambang kewenangan KPK (UU 19/2019)"),
}


@dataclass(frozen=True)
class Route:
    """Where a new case goes. ``reasons`` holds codes from :data:`REASON_LABELS`."""

    queue: str
    flag_kpk_aph: bool = False
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RoutingRules:
    """Administrator-editable jurisdiction rule (defaults: UU 19/2019)."""

    kpk_loss_threshold: int = 1_000_000_000
    flag_penyelenggara_negara: bool = True
    flag_law_enforcer: bool = True
    berlaku_mulai: date = date(2019, 10, 17)
    basis: str = "UU 19/2019 (perubahan kedua UU KPK)"

    def __post_init__(self) -> None:
        if isinstance(self.kpk_loss_threshold, bool) or self.kpk_loss_threshold <= 0:
            raise ValueError("kpk_loss_threshold must be a positive number of rupiah")


DEFAULT_ROUTING_RULES = RoutingRules()

GRATIFICATION_KINDS = frozenset({"penerimaan", "penolakan"})


def route_gratification(report_kind: str = "penerimaan") -> Route:
    """Gratification reports (receipt or refusal) always go to the UPG."""
    if report_kind not in GRATIFICATION_KINDS:
        raise ValueError(f"unknown gratification report kind {report_kind!r}")
    return Route(queue="upg", flag_kpk_aph=False, reasons=["laporan_gratifikasi"])


def route_complaint(
    subject_is_penyelenggara_negara: bool,
    subject_is_law_enforcer: bool,
    estimated_loss: int | None,
    rules: RoutingRules = DEFAULT_ROUTING_RULES,
) -> Route:
    """Route a complaint to the Inspektorat, flagging KPK/APH jurisdiction.

    ``estimated_loss`` is in whole rupiah; ``None`` means unknown and never
    triggers the loss rule on its own. The case still lands in the
    Inspektorat queue when flagged: a person must decide the referral.
    """
    if estimated_loss is not None and (isinstance(estimated_loss, bool) or estimated_loss < 0):
        raise ValueError("estimated_loss must be a non-negative number of rupiah or None")
    reasons = ["pengaduan_inspektorat"]
    flagged: list[str] = []
    if rules.flag_penyelenggara_negara and subject_is_penyelenggara_negara:
        flagged.append("penyelenggara_negara")
    if rules.flag_law_enforcer and subject_is_law_enforcer:
        flagged.append("aparat_penegak_hukum")
    # "paling sedikit Rp1.000.000.000": the threshold itself is included.
    if estimated_loss is not None and estimated_loss >= rules.kpk_loss_threshold:
        flagged.append("kerugian_negara")
    return Route(queue="inspektorat", flag_kpk_aph=bool(flagged), reasons=reasons + flagged)


# ---------------------------------------------------------------------------
# Recusal
# ---------------------------------------------------------------------------

# Titles written before a name (academic, professional, religious). Compared
# without dots, lower case. Nobility titles (R., Rr.) are kept on purpose:
# they are part of a person's name and stripping them could merge people.
_PREFIX_TITLES = frozenset({"drs", "dra", "dr", "drg", "ir", "prof", "h", "hj", "kh", "apt", "ns"})

# Degrees written after a name (usually after a comma). Compared without dots.
_SUFFIX_DEGREES = frozenset(
    {
        # Diploma
        "amd", "amdkep", "amdkeb", "amdkes", "amdfarm", "amdak", "amdpar", "amdt",
        # Sarjana
        "sh", "se", "ssos", "sip", "skom", "spd", "st", "sag", "sap", "sstp", "ssi", "spsi", "sked",
        "sfarm", "skep", "skm", "spdi", "shi", "sthi", "sth", "sikom", "sa", "ss", "sgz", "stp",
        "spt", "spi", "shut", "sakun", "sars", "sds", "ssn", "stt", "smb",
        # Magister
        "msi", "mm", "mh", "mpd", "map", "mkes", "mt", "msc", "ma", "me", "mkn", "mag", "mkom", "mba",
        "mph", "mak", "mpa", "mhum", "mars", "mpsi", "msos", "mip", "mec", "mhkes", "mstat", "mpp", "mtp",
        # Doktor and specialists
        "phd", "dr", "spog", "sppd", "spa", "spb", "spm", "spkk", "sprad", "spjp", "span", "spkj", "spp",
        # Professional
        "ak", "ca", "cpa", "cfe", "qia", "cfrm", "cgcae", "mvet", "drh", "ns",
    }
)

# A dotted abbreviation such as "S.Kom", "M.Kes.", "A.Md.Keb" or "Sp.PD":
# short letter groups joined by dots. Only trusted in the degree position.
_DOTTED_ABBREV = re.compile(r"^[a-z]{1,4}(\.[a-z]{1,5})+\.?$")
_LEADING_TITLE = re.compile(r"^(" + "|".join(sorted(_PREFIX_TITLES, key=len, reverse=True)) + r")\.\s*")


def _fold(text: str) -> str:
    """Unicode-normalise, drop accents, lower-case."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _compact(token: str) -> str:
    return re.sub(r"[^0-9a-z]", "", token)


# Short degrees that are also plausible name endings ("Jack Ma"): stripped only
# when written with dots or after a comma, never as a bare trailing word.
_AMBIGUOUS_BARE = frozenset({"ma", "sa", "ss", "me", "st", "ak", "ca", "dr"})


def _is_degree(token: str, after_comma: bool) -> bool:
    compact = _compact(token)
    if "." not in token and not after_comma and compact in _AMBIGUOUS_BARE:
        return False
    return compact in _SUFFIX_DEGREES or bool(_DOTTED_ABBREV.match(token.strip(".,")))


def normalise_person_name(text: str) -> str:
    """Normalise a person's name for comparison.

    Lower-cases, removes accents, strips leading titles (Drs., H., Ir., Prof., ...)
    and trailing degrees (S.H., M.Si, ...), removes punctuation and collapses
    whitespace: ``"Drs. H. AHMAD  Fauzi, S.H., M.Si."`` → ``"ahmad fauzi"``.
    Spelling variants (Muhammad/Mohammad) are *not* merged: a false match
    would exclude the wrong officer, and NIP is the primary key anyway.
    """
    folded = _fold(text).strip()
    # Leading dotted titles, possibly without spaces: "Dr.Ir.H.Ahmad".
    while True:
        stripped = _LEADING_TITLE.sub("", folded, count=1)
        if stripped == folded:
            break
        folded = stripped.lstrip()
    head, *tail = folded.split(",")
    tokens = head.split()
    # Undotted leading titles ("Drs Ahmad", "H Ahmad") – keep at least one token.
    while len(tokens) > 1 and _compact(tokens[0]) in _PREFIX_TITLES:
        tokens.pop(0)
    # Undotted trailing degrees ("Ahmad Fauzi SH MSi") – keep at least one token.
    while len(tokens) > 1 and _is_degree(tokens[-1], after_comma=False):
        tokens.pop()
    # Parts after a comma are degrees in Indonesian usage; keep any word that
    # is not recognisably one (defensive: never silently lose a name part).
    for part in tail:
        tokens.extend(tok for tok in part.split() if not _is_degree(tok, after_comma=True))
    words = (_compact(word) for word in " ".join(tokens).replace("-", " ").split())
    return " ".join(word for word in words if word)


def normalise_nip(nip: str | None) -> str | None:
    """Keep digits only ("19700101 199503 1 001" → "197001011995031001")."""
    if nip is None:
        return None
    digits = re.sub(r"\D", "", nip)
    return digits or None


@dataclass(frozen=True)
class NamedPerson:
    """A person named in a case (reported party, witness, giver)."""

    name: str
    nip: str | None = None
    unit_id: str | None = None


@dataclass(frozen=True)
class OfficerRef:
    """An officer who could handle the case."""

    id: str
    full_name: str
    nip: str | None = None


def officers_to_recuse(named_people: Sequence[NamedPerson], officers: Sequence[OfficerRef]) -> set[str]:
    """Ids of officers who are named in the case.

    An officer matches a named person when their NIPs are equal (digits only)
    *or* their normalised names are equal. Matching on either is deliberate:
    over-recusal only sends the case to another officer, while under-recusal
    would put a case in the hands of the person it is about.
    """
    nips = {n for n in (normalise_nip(p.nip) for p in named_people) if n}
    names = {n for n in (normalise_person_name(p.name) for p in named_people) if n}
    recused: set[str] = set()
    for officer in officers:
        officer_nip = normalise_nip(officer.nip)
        officer_name = normalise_person_name(officer.full_name)
        if (officer_nip and officer_nip in nips) or (officer_name and officer_name in names):
            recused.add(officer.id)
    return recused


def eligible_officers(
    named_people: Sequence[NamedPerson],
    officers: Sequence[OfficerRef],
    declared_conflicts: Iterable[str] = (),
) -> list[OfficerRef]:
    """Officers who may handle the case, in the given order.

    Excludes those named in the case and those who declared a conflict of
    interest (``declared_conflicts`` holds officer ids).
    """
    excluded = officers_to_recuse(named_people, officers) | set(declared_conflicts)
    return [o for o in officers if o.id not in excluded]
