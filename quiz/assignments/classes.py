"""Class lists: an instructor's classes, their students' names and the students' personal codes.

A class list lets a student of an assignment pick their name instead of typing it; when the class
asks for codes, the student then types the short personal code the teacher printed for them
(see the code sheet, templates/classes/codes.html). Names are pasted one per line, as copied from
a spreadsheet's column; a tab inside a line (two columns, first and last name) reads as a space,
and a comma is part of the name ("Lopez, Ana" is one student).

Every function here either makes its whole change or raises ClassError and changes nothing. None
commits: the caller does.
"""

from __future__ import annotations

import secrets
import unicodedata

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from .models import Assignment, Roster, RosterStudent

MAX_CLASS_NAME = 80
MAX_STUDENT_NAME = 80
MAX_STUDENTS = 300
MAX_CLASSES = 100
MAX_PASTE = 30_000
# Personal codes: no 0/O, 1/I/L, so that a code read off paper is typed right.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 5
# How many names an error message lists before "and N more".
_LISTED = 8


class ClassError(ValueError):
    """A change to a class list that cannot be made; nothing was changed."""


def clean_name(raw: str) -> str:
    """Return a name as it is shown: NFC, without control or invisible format characters, its
    blanks (tabs included) collapsed to single spaces, trimmed."""
    text = unicodedata.normalize("NFC", raw)
    text = "".join(" " if ch.isspace() else ch for ch in text if ch.isspace() or unicodedata.category(ch)[0] != "C")
    return " ".join(text.split())


def name_key(name: str) -> str:
    """Return the form two names are compared in: NFKC, case-folded, without control or invisible
    format characters, blanks collapsed. "ana  Lopez", "Ana Lopez" and "ＡＮＡ LOPEZ" are one name."""
    text = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())
    return clean_name(text)


def _listed(names: list[str]) -> str:
    shown = ", ".join(names[:_LISTED])
    return shown + (f" and {len(names) - _LISTED} more" if len(names) > _LISTED else "")


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _class_name(name: str) -> tuple[str, str]:
    name = clean_name(name)
    if not name:
        raise ClassError("Give the class a name.")
    key = name_key(name)
    if len(name) > MAX_CLASS_NAME or len(key) > MAX_CLASS_NAME:
        raise ClassError(f"Keep the class's name to {MAX_CLASS_NAME} characters.")
    return name, key


def _check_name_free(session: Session, owner_id: int, key: str, roster_id: int | None = None) -> None:
    query = select(Roster.name).where(Roster.owner_id == owner_id, Roster.name_key == key)
    if roster_id is not None:
        query = query.where(Roster.id != roster_id)
    taken = session.scalar(query)
    if taken is not None:
        raise ClassError(f"You have a class called “{taken}” already. Give this one another name.")


def _parse_names(names_text: str) -> list[tuple[str, str]]:
    """Return the (name, key) of each non-blank line, or raise ClassError naming every problem."""
    if len(names_text) > MAX_PASTE:
        raise ClassError(
            f"That list is {len(names_text):,} characters long; paste at most {MAX_PASTE:,} characters at a time."
        )
    problems: list[str] = []
    names: list[tuple[str, str]] = []
    too_long: list[str] = []
    for number, line in enumerate(names_text.splitlines(), start=1):
        name = clean_name(line)
        if not name:
            continue
        key = name_key(name)
        if len(name) > MAX_STUDENT_NAME or len(key) > MAX_STUDENT_NAME:
            too_long.append(f"line {number} (“{_short(name)}”)")
            continue
        names.append((name, key))
    if too_long:
        problems.append(f"Keep each name to {MAX_STUDENT_NAME} characters, one name per line; too long: {_listed(too_long)}.")
    seen: dict[str, str] = {}
    twice: list[str] = []
    for name, key in names:
        if key in seen and seen[key] not in twice:
            twice.append(seen[key])
        seen.setdefault(key, name)
    if twice:
        problems.append(
            f"The list has these names more than once: {_listed(twice)}. "
            "Two students of one name need names that tell them apart (add an initial, for example)."
        )
    if problems:
        raise ClassError(" ".join(problems))
    return names


def _new_code(used: set[str]) -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if code not in used:
            used.add(code)
            return code


def _flush(session: Session, objects: list, message: str) -> None:
    """Add objects and flush them; a clash found by the database (another request won a race)
    rolls the session back, as the sets do, and is reported as message."""
    session.add_all(objects)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        raise ClassError(message) from None


def owned_rosters(session: Session, owner_id: int) -> list[Roster]:
    """Return an instructor's classes, by name, with their students loaded."""
    return list(
        session.scalars(
            select(Roster)
            .where(Roster.owner_id == owner_id)
            .order_by(Roster.name_key, Roster.id)
            .options(selectinload(Roster.students))
        )
    )


def owned_roster(session: Session, owner_id: int, roster_id: int | None) -> Roster | None:
    """Return the class of that id if it is this instructor's, else None."""
    if roster_id is None:
        return None
    roster = session.get(Roster, roster_id)
    return roster if roster is not None and roster.owner_id == owner_id else None


def create_roster(session: Session, owner_id: int, name: str, names_text: str = "") -> Roster:
    """Create a class, with the students of names_text (one name per line; it may be empty)."""
    name, key = _class_name(name)
    count = session.scalar(select(func.count()).select_from(Roster).where(Roster.owner_id == owner_id)) or 0
    if count >= MAX_CLASSES:
        raise ClassError(f"You have {MAX_CLASSES} classes, the most one instructor can keep. Delete one you no longer need first.")
    _check_name_free(session, owner_id, key)
    names = _parse_names(names_text)
    if len(names) > MAX_STUDENTS:
        raise ClassError(f"A class holds at most {MAX_STUDENTS} students; that list has {len(names)}.")
    used: set[str] = set()
    roster = Roster(owner_id=owner_id, name=name, name_key=key, codes=False)
    roster.students = [RosterStudent(name=n, name_key=k, code=_new_code(used)) for n, k in names]
    _flush(session, [roster], f"You have a class called “{name}” already. Give this one another name.")
    return roster


def add_students(session: Session, roster: Roster, names_text: str) -> list[RosterStudent]:
    """Add the students of names_text (one name per line, blank lines ignored) to a class and
    return them, in the list's order; each gets a personal code."""
    names = _parse_names(names_text)
    if not names:
        raise ClassError("Paste or type the students' names, one per line.")
    existing = {student.name_key: student.name for student in roster.students}
    already = [existing[key] for _, key in names if key in existing]
    if already:
        raise ClassError(
            f"Already in the class: {_listed(already)}. Take them out of the list; if they are other "
            "students of the same name, add something that tells them apart (an initial, for example)."
        )
    if len(existing) + len(names) > MAX_STUDENTS:
        raise ClassError(
            f"A class holds at most {MAX_STUDENTS} students; this one has {len(existing)} and the list adds {len(names)}."
        )
    used = {student.code for student in roster.students}
    students = [RosterStudent(roster_id=roster.id, name=n, name_key=k, code=_new_code(used)) for n, k in names]
    _flush(session, students, "Some of these names were added to the class meanwhile. Reload the page and try again.")
    session.expire(roster, ["students"])
    return students


def find_student(roster: Roster, student_id: int) -> RosterStudent:
    student = next((student for student in roster.students if student.id == student_id), None)
    if student is None:
        raise ClassError("That student is not in this class.")
    return student


def remove_student(session: Session, student: RosterStudent) -> None:
    """Take a student off the class list. Their work on assignments stays, under the name they had."""
    roster = student.roster
    session.delete(student)
    session.flush()
    session.expire(roster, ["students"])


def rename_roster(session: Session, roster: Roster, name: str) -> None:
    name, key = _class_name(name)
    _check_name_free(session, roster.owner_id, key, roster.id)
    roster.name, roster.name_key = name, key
    _flush(session, [roster], f"You have a class called “{name}” already. Give this one another name.")


def set_codes(session: Session, roster: Roster, on: bool) -> None:
    """Ask (or stop asking) the class's students for their personal codes."""
    roster.codes = bool(on)
    session.flush()


def new_code(session: Session, student: RosterStudent) -> str:
    """Give a student a new personal code (the old one stops working) and return it."""
    used = {other.code for other in student.roster.students}
    student.code = _new_code(used)
    session.flush()
    return student.code


def delete_roster(session: Session, roster: Roster) -> None:
    """Delete a class and its students. Assignments made for it stay, without a class list; the
    work of its students stays, under their names."""
    session.delete(roster)
    session.flush()


def assignments_using(session: Session, roster: Roster) -> int:
    """Return how many assignments are made for this class."""
    return session.scalar(select(func.count()).select_from(Assignment).where(Assignment.roster_id == roster.id)) or 0


def normalize_code(typed: str) -> str:
    """Return a typed code as stored: capitals, without spaces or dashes."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", typed).upper() if not ch.isspace() and ch != "-")


def code_matches(student: RosterStudent, typed: str) -> bool:
    """Whether a typed code is this student's (case, spaces and dashes do not matter)."""
    typed = normalize_code(typed[:100])
    return typed.isascii() and secrets.compare_digest(typed, student.code)
