"""Nicknames: the only thing a player tells us. Clean them, check them, or suggest one."""

from __future__ import annotations

import re
import secrets
import unicodedata
from functools import lru_cache
from pathlib import Path

MAX_LENGTH = 20
WORD_LIST = Path(__file__).with_name("offensive_words.txt")
_LOOK_ALIKES = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"})

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
    """Return the nickname as it will be shown: NFC, inner spaces collapsed, trimmed."""
    text = unicodedata.normalize("NFC", raw)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    return re.sub(r"\s+", " ", text).strip()


def key(nickname: str) -> str:
    """Return the form two nicknames are compared in: case-folded, so "Ana" and "ANA" clash."""
    return nickname.casefold()


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
    nickname = clean(raw)
    if not nickname:
        raise NicknameError("Enter a nickname.")
    if len(nickname) > MAX_LENGTH:
        raise NicknameError(f"Keep your nickname to {MAX_LENGTH} characters or fewer.")
    if is_offensive(nickname):
        raise NicknameError("Please choose a different nickname.")
    return nickname


def suggest(taken: set[str]) -> str:
    """Return a friendly random nickname whose key is not in taken."""
    for _ in range(50):
        name = secrets.choice(ADJECTIVES) + " " + secrets.choice(ANIMALS)
        if key(name) not in taken:
            return name
    while True:
        name = f"{secrets.choice(ADJECTIVES)} {secrets.choice(ANIMALS)} {secrets.randbelow(90) + 10}"
        if key(name) not in taken and len(name) <= MAX_LENGTH:
            return name
