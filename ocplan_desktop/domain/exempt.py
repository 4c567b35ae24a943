"""Exempt information: papers kept out of what the public sees, under Schedule 12A to the Local
Government Act 1972, and who a published document is for.

A report or an agenda item is exempt under one paragraph of Part 1 of the Schedule (England), with
the reason the public interest in keeping it back outweighs the interest in disclosing it. The
public's documents name the item, its paragraph, and nothing of its text; members' documents carry
the papers marked "NOT FOR PUBLICATION" on every page.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ocplan_desktop.domain.errors import ValidationError

# Part 1 of Schedule 12A (descriptions of exempt information: England), as amended in 2006.
PARAGRAPHS: dict[int, str] = {
    1: "Information relating to any individual.",
    2: "Information which is likely to reveal the identity of an individual.",
    3: "Information relating to the financial or business affairs of any particular person "
    "(including the authority holding that information).",
    4: "Information relating to any consultations or negotiations, or contemplated consultations "
    "or negotiations, in connection with any labour relations matter arising between the "
    "authority or a Minister of the Crown and employees of, or office holders under, the "
    "authority.",
    5: "Information in respect of which a claim to legal professional privilege could be "
    "maintained in legal proceedings.",
    6: "Information which reveals that the authority proposes (a) to give under any enactment a "
    "notice under or by virtue of which requirements are imposed on a person; or (b) to make an "
    "order or direction under any enactment.",
    7: "Information relating to any action taken or to be taken in connection with the "
    "prevention, investigation or prosecution of crime.",
}
NOT_FOR_PUBLICATION = "NOT FOR PUBLICATION"
MAX_REASON = 1_000


class Audience(StrEnum):
    """Who a document is for: the public (what is published) or members (and officers)."""

    PUBLIC = "public"
    MEMBERS = "members"


def audience(value: str | Audience) -> Audience:
    try:
        return Audience(str(value).strip().lower())
    except ValueError:
        raise ValidationError(
            f"'{value}' is not an audience (public or members)", field="audience"
        ) from None


@dataclass(frozen=True)
class Exemption:
    paragraph: int
    reason: str = ""

    @property
    def citation(self) -> str:
        """ "paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972"."""
        return (
            f"paragraph {self.paragraph} of Part 1 of Schedule 12A to the Local Government Act 1972"
        )

    @property
    def description(self) -> str:
        return PARAGRAPHS[self.paragraph]

    @property
    def mark(self) -> str:
        """What every page of exempt papers carries in a members' document."""
        return f"{NOT_FOR_PUBLICATION}: exempt information under {self.citation}"

    @property
    def public_notice(self) -> str:
        """What the public's document says in place of the papers."""
        return (
            f"This item is not for publication: it contains exempt information under "
            f"{self.citation} ({self.description.rstrip('.').lower()})."
        )

    @property
    def short(self) -> str:
        return f"Exempt: paragraph {self.paragraph}"


def exemption(paragraph: int | None, reason: str = "") -> Exemption | None:
    """The exemption a stored paragraph (None: not exempt) and reason make."""
    if paragraph is None:
        return None
    return Exemption(int(paragraph), reason or "")


def check_exemption(paragraph: object, reason: object) -> tuple[int | None, str]:
    """A paragraph of 1-7 (or None / 0 / "" for not exempt) and a reason, cleaned for storing."""
    if paragraph in (None, "", 0, "0"):
        number = None
    else:
        try:
            number = int(str(paragraph).strip())
        except ValueError:
            number = -1
        if number not in PARAGRAPHS:
            raise ValidationError(
                f"'{paragraph}' is not a paragraph of Part 1 of Schedule 12A (1 to 7)",
                field="exempt paragraph",
            )
    text = " ".join(str(reason or "").split())
    if len(text) > MAX_REASON:
        raise ValidationError(
            f"{len(text):,} characters is too long (at most {MAX_REASON:,})", field="exempt reason"
        )
    return number, text


def effective(item: Exemption | None, report: Exemption | None) -> Exemption | None:
    """An agenda item is exempt when it is marked, or when the report it considers is."""
    return item or report
