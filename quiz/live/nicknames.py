"""Nicknames: the only thing a player tells us. Clean them, check them, or suggest one.

Two nicknames clash when they look alike, not only when they are equal: they are compared on
NFKC with case folding, then on a confusable skeleton built from Unicode's confusables data
(TS #39, as shipped by confusable-homoglyphs), so that "Alice", "ALICE", "\u0410lice" (Cyrillic A)
and "\uff21lice" (fullwidth A) are one name.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from functools import lru_cache
from pathlib import Path

import regex
from confusable_homoglyphs.confusables import confusables_data

MAX_LENGTH = 20
# The comparison key's column holds 80 characters (player.nickname_key).
KEY_LENGTH = 80
# Combining marks on one letter: Vietnamese needs 2, pointed Hebrew and Tibetan stacks 3; more is
# stacking ("Zalgo" text that spills over other players' names).
MAX_MARKS_PER_LETTER = 3
# Longer input is refused before any work is done on it.
_MAX_RAW_LENGTH = 10 * MAX_LENGTH
WORD_LIST = Path(__file__).with_name("offensive_words.txt")
_LOOK_ALIKES = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"})
# Blank but neither a space nor default-ignorable: shown as a space.
_BLANKS = re.compile(r"[\s\u2800]+")
_DEFAULT_IGNORABLE = regex.compile(r"\p{Default_Ignorable_Code_Point}")

ADJECTIVES = [
    "Brave", "Bright", "Calm", "Clever", "Curious", "Eager", "Fair", "Gentle", "Happy", "Honest",
    "Keen", "Kind", "Lively", "Lucky", "Merry", "Nimble", "Patient", "Quick", "Quiet", "Sharp",
    "Steady", "Sunny", "Swift", "Thoughtful", "Wise", "Witty", "Bold", "Careful", "Cheerful", "Daring",
]
ANIMALS = [
    "Badger", "Beaver", "Crane", "Dolphin", "Falcon", "Fox", "Gecko", "Heron", "Koala", "Lemur",
    "Lynx", "Marten", "Otter", "Owl", "Panda", "Puffin", "Quokka", "Raven", "Robin", "Seal",
    "Sparrow", "Stoat", "Swan", "Tapir", "Tiger", "Turtle", "Walrus", "Wombat", "Wren", "Yak",
]


class NicknameError(ValueError):
    """A nickname that cannot be used; the message says why."""


def clean(raw: str) -> str:
    """Return the nickname as it will be shown: NFC, without control, format or other invisible
    characters (default-ignorable ones such as U+3164 HANGUL FILLER), blanks collapsed, trimmed."""
    text = unicodedata.normalize("NFC", raw)
    text = "".join(
        ch
        for ch in text
        if unicodedata.category(ch)[0] != "C" and not _DEFAULT_IGNORABLE.match(ch)
    )
    return _BLANKS.sub(" ", text).strip()


def _fold(text: str) -> str:
    """Return text NFKC case-folded, without default-ignorable characters (as NFKC_Casefold)."""
    text = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    return _DEFAULT_IGNORABLE.sub("", text)


def _preference(candidate: str) -> tuple:
    # One representative per group of look-alikes, the same whichever member is met: an ASCII
    # letter first ("0" is read as "O", as TS #39 does), then one character, then the lowest.
    return (not candidate.isascii(), not candidate.isalpha(), len(candidate), candidate)


@lru_cache(maxsize=4096)
def _prototype(ch: str) -> str:
    """Return the character (or characters) that ch is read as.

    In the data, a character that only imitates another lists just that one, its TS #39 prototype
    ("\u0410" -> "A", "0" -> "O", "m" -> "rn"); a prototype lists everything that imitates it.
    """
    entries = [_DEFAULT_IGNORABLE.sub("", entry["c"]) for entry in confusables_data.get(ch, ())]
    entries = [entry for entry in entries if entry]
    if not entries:
        return ch
    if len(entries) == 1 and entries[0].isascii():
        return entries[0]
    if ch.isascii():
        return ch
    return min([ch, *entries], key=_preference)


def key(nickname: str) -> str:
    """Return the form two nicknames are compared in: NFKC case-folded, then its confusable
    skeleton, again until nothing changes (a skeleton may hold capitals: "0" becomes "O")."""
    # Other scripts' look-alikes are read before case folding too: a capital may imitate a Latin
    # letter that its small form does not ("\u0412ob", Cyrillic Ve, reads "Bob"; "\u0432" reads
    # nothing). ASCII waits for the folding, or a capital I would read as l ("ALICE" as "ALlCE").
    text = _DEFAULT_IGNORABLE.sub("", unicodedata.normalize("NFKC", nickname))
    text = _fold("".join(ch if ch.isascii() else _prototype(ch) for ch in text))
    previous = None
    for _ in range(6):
        if text == previous:
            break
        previous, text = text, _fold("".join(_prototype(ch) for ch in text))
    return text


def _check_marks(nickname: str) -> None:
    """Refuse combining marks with no letter or digit under them, and more than a few on one."""
    base, marks = None, 0
    for ch in unicodedata.normalize("NFD", nickname):
        category = unicodedata.category(ch)
        if category[0] != "M":
            base, marks = category, 0
            continue
        if base is None or base[0] not in "LN":
            raise NicknameError("An accent or other mark must sit on a letter; remove the one on its own.")
        if category in ("Mn", "Me"):
            marks += 1
            if marks > MAX_MARKS_PER_LETTER:
                raise NicknameError(f"Use at most {MAX_MARKS_PER_LETTER} accents on one letter.")


@lru_cache(maxsize=1)
def _word_list() -> tuple[frozenset[str], tuple[str, ...]]:
    whole, anywhere = set(), []
    for line in WORD_LIST.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("="):
            whole.add(line[1:])
        else:
            anywhere.append(line)
    return frozenset(whole), tuple(anywhere)


def _words(text: str) -> list[str]:
    """Return the words of text folded for checking: case and accents dropped, look-alike digits
    read as letters inside words ("sh1t"), while numbers alone ("Player 455") stay numbers."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = []
    for token in re.findall(r"[\w@$!]+", plain):
        if token.isdigit():
            continue
        words += re.findall(r"[a-z]+", token.translate(_LOOK_ALIKES))
    return words


def is_offensive(nickname: str) -> bool:
    whole, anywhere = _word_list()
    words = _words(nickname)
    # "s h i t" and "s.h.i.t" are one word spelt out: join single letters before checking.
    spelt = "".join(word for word in words if len(word) == 1)
    if len(spelt) >= 3:
        words.append(spelt)
    if set(words) & whole:
        return True
    return any(bad in word for word in words for bad in anywhere)


def check(raw: str) -> str:
    """Return the cleaned nickname, or raise NicknameError with what to change."""
    if len(raw) > _MAX_RAW_LENGTH:
        raise NicknameError(f"Keep your nickname to {MAX_LENGTH} characters or fewer.")
    nickname = clean(raw)
    if not nickname:
        raise NicknameError("Enter a nickname.")
    if len(nickname) > MAX_LENGTH:
        raise NicknameError(f"Keep your nickname to {MAX_LENGTH} characters or fewer.")
    if not any(unicodedata.category(ch)[0] in "LN" for ch in nickname):
        raise NicknameError("Put at least one letter or digit in your nickname, so that others can see it.")
    _check_marks(nickname)
    if len(key(nickname)) > KEY_LENGTH:
        raise NicknameError("That nickname is too long once its characters are spelled out; choose a shorter one.")
    if is_offensive(nickname):
        raise NicknameError("Please choose a different nickname.")
    return nickname


def _candidates() -> list[str]:
    """Every name suggest() can give: "Adjective Animal", then with a number from 10 to 99."""
    plain = [f"{adjective} {animal}" for adjective in ADJECTIVES for animal in ANIMALS]
    numbered = [f"{name} {number}" for name in plain for number in range(10, 100)]
    return [name for name in plain + numbered if len(name) <= MAX_LENGTH]


def suggest(taken: set[str]) -> str:
    """Return a friendly random nickname whose key is not in taken; raise NicknameError when
    every name it can give is taken."""
    for _ in range(50):
        name = secrets.choice(ADJECTIVES) + " " + secrets.choice(ANIMALS)
        if key(name) not in taken:
            return name
    for _ in range(200):
        name = f"{secrets.choice(ADJECTIVES)} {secrets.choice(ANIMALS)} {secrets.randbelow(90) + 10}"
        if len(name) <= MAX_LENGTH and key(name) not in taken:
            return name
    # Nearly all are taken: look at each of them once, in a random order, and stop.
    candidates = _candidates()
    secrets.SystemRandom().shuffle(candidates)
    for name in candidates:
        if key(name) not in taken:
            return name
    raise NicknameError("Every name I could pick is taken in this game; type a nickname of your own.")
