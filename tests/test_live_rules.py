"""Live-game rules that are pure functions: bonuses and nicknames."""

import pytest

from quiz.live import nicknames
from quiz.scoring import Grade, STREAK_CAP, live_points, next_streak, speed_points, streak_bonus

RIGHT = Grade(points=100, correct=True)
PARTIAL = Grade(points=50, correct=False, verdict_correct=True, evidence_correct=False)


@pytest.mark.parametrize(
    ("elapsed", "expected"),
    [(0, 100), (5_000, 88), (10_000, 75), (20_000, 50), (30_000, 50), (-100, 100)],
)
def test_speed_rule_is_kahoots(elapsed, expected):
    # points × (1 − (t/T)/2), t clamped to [0, T]
    assert speed_points(100, elapsed, 20_000) == expected


def test_speed_rule_scales_partial_credit_too():
    assert speed_points(50, 10_000, 20_000) == 38


def test_streak_bonus_grows_then_stops_at_the_cap():
    assert [streak_bonus(n) for n in range(0, 9)] == [0, 0, 10, 20, 30, 40, 50, 50, 50]
    assert streak_bonus(1000) == STREAK_CAP


def test_streak_continues_on_right_answers_and_breaks_on_anything_else():
    assert next_streak(0, True) == 1
    assert next_streak(3, True) == 4
    assert next_streak(3, False) == 0


def test_live_points_combine_the_options():
    assert live_points(RIGHT, 10_000, 20_000, streak=3, speed_bonus=False, streak_on=False) == 100
    assert live_points(RIGHT, 10_000, 20_000, streak=3, speed_bonus=True, streak_on=False) == 75
    assert live_points(RIGHT, 10_000, 20_000, streak=3, speed_bonus=True, streak_on=True) == 95
    # No streak bonus without full credit.
    assert live_points(PARTIAL, 0, 20_000, streak=0, speed_bonus=False, streak_on=True) == 50


@pytest.mark.parametrize(
    ("raw", "shown"),
    [("  Ada  ", "Ada"), ("Cafe\u0301", "Café"), ("Ada   Lovelace", "Ada Lovelace"), ("Zo\u200be", "Zoe")],
)
def test_nicknames_are_trimmed_and_normalised(raw, shown):
    assert nicknames.check(raw) == shown


def test_nickname_case_does_not_make_it_new():
    assert nicknames.key("ADA") == nicknames.key("ada") == nicknames.key("Ada")


@pytest.mark.parametrize("raw", ["", "   ", "x" * 21])
def test_empty_or_long_nicknames_are_refused(raw):
    with pytest.raises(nicknames.NicknameError):
        nicknames.check(raw)


@pytest.mark.parametrize("raw", ["shithead", "Sh1t Head", "f u c k", "A55", "BITCH", "Ｆｕｃｋ"])
def test_offensive_nicknames_are_refused(raw):
    with pytest.raises(nicknames.NicknameError, match="different nickname"):
        nicknames.check(raw)


@pytest.mark.parametrize("raw", ["Classic", "Grape Ape", "Therapist", "Dickens", "Player 455", "Agent 007"])
def test_ordinary_nicknames_pass(raw):
    assert nicknames.check(raw) == raw


def test_suggestions_avoid_taken_names():
    taken = {nicknames.key(f"{a} {b}") for a in nicknames.ADJECTIVES for b in nicknames.ANIMALS[:-1]}
    for _ in range(20):
        name = nicknames.suggest(taken)
        assert nicknames.key(name) not in taken and len(name) <= nicknames.MAX_LENGTH
        assert nicknames.check(name) == name
