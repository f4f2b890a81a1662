"""Class lists: an instructor's classes, their students' names and personal codes (issue 9).

The service is tried directly for its rules (names, bounds, codes), the pages as a teacher uses
them, and every route against anonymous, another instructor, the owner, and the owner without a
CSRF token.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from quiz import db
from quiz.accounts.models import Instructor
from quiz.assignments import classes
from quiz.assignments.classes import CODE_ALPHABET, CODE_LENGTH, ClassError, name_key
from quiz.assignments.models import Assignment, Roster, RosterStudent

from .conftest import add_instructor, sign_in, soup

LOOK_ALIKES = set("0O1IL")


def token(client) -> str:
    """The CSRF token of this client's own session, as its browser would have it."""
    return soup(client.get("/join")).select_one("input[name=csrf_token]")["value"]


def owner_id(app, email="teacher@example.org") -> int:
    with app.app_context():
        return db.session().scalar(select(Instructor.id).where(Instructor.email == email))


def make_class(client, name="7B English", names="Ana Lopez\nBen Ng\nChloé Martin\n"):
    return client.post("/classes/", data={"csrf_token": token(client), "name": name, "names": names})


def roster_id_of(response) -> int:
    assert response.status_code == 303, soup(response).get_text()[:500]
    return int(response.headers["Location"].rsplit("/", 1)[1])


def state(app) -> tuple:
    """Everything a change to class lists would alter."""
    with app.app_context():
        session = db.session()
        return (
            tuple(session.execute(select(Roster.id, Roster.owner_id, Roster.name, Roster.name_key, Roster.codes).order_by(Roster.id))),
            tuple(session.execute(select(RosterStudent.id, RosterStudent.roster_id, RosterStudent.name, RosterStudent.name_key, RosterStudent.code).order_by(RosterStudent.id))),
        )


def students(app, roster_id: int) -> list[RosterStudent]:
    with app.app_context():
        return list(db.session().scalars(select(RosterStudent).where(RosterStudent.roster_id == roster_id).order_by(RosterStudent.id)))


def error_text(response) -> str:
    return soup(response).select_one("[role=alert]").get_text(" ", strip=True)


# --------------------------------------------------------------------------------------------
# Names


def test_name_key_folds_case_width_and_blanks():
    assert name_key("ana  Lopez") == name_key("Ana Lopez") == name_key(" ＡＮＡ\tLOPEZ ") == "ana lopez"
    assert name_key("Ana\u200bLopez") == name_key("AnaLopez")
    assert name_key("Straße") == name_key("STRASSE")
    assert name_key("Chloé") == name_key("Chloe\u0301")
    assert name_key("") == name_key(" \t ") == ""


def test_pasted_names_one_per_line(app):
    add_instructor(app)
    with app.app_context():
        session = db.session()
        text = "Ana Lopez\r\n\r\n  Ben   Ng  \nLopez, Ana\nMaria\tGarcia\n\t\n\x00Zoë\u200b Park\n"
        roster = classes.create_roster(session, owner_id(app), "Period 3", text)
        session.commit()
        assert [s.name for s in roster.students] == ["Ana Lopez", "Ben Ng", "Lopez, Ana", "Maria Garcia", "Zoë Park"]
        assert [s.name_key for s in roster.students] == ["ana lopez", "ben ng", "lopez, ana", "maria garcia", "zoë park"]


# --------------------------------------------------------------------------------------------
# Making a class and adding names, as a teacher does


def test_create_a_class_with_names(app, author):
    page = soup(author.get("/classes/"))
    assert page.select_one("label[for=class-name]") and page.select_one("label[for=class-names]")
    response = make_class(author)
    roster_id = roster_id_of(response)
    page = author.get(response.headers["Location"])
    assert "The class “7B English” is made, with 3 students." in soup(page).get_text()
    rows = [row.select_one("th").get_text(strip=True) for row in soup(page).select("table.class-students tbody tr")]
    assert rows == ["Ana Lopez", "Ben Ng", "Chloé Martin"]  # by name
    listing = soup(author.get("/classes/"))
    assert listing.select_one(f"a[href='/classes/{roster_id}']").get_text() == "7B English"
    with app.app_context():
        roster = db.session().get(Roster, roster_id)
        assert roster.owner_id == owner_id(app) and roster.codes is False and roster.name_key == "7b english"


def test_a_class_without_names_and_names_added_later(app, author):
    roster_id = roster_id_of(make_class(author, names=""))
    assert students(app, roster_id) == []
    response = author.post(f"/classes/{roster_id}/students", data={"csrf_token": token(author), "names": "\nAna Lopez\n\n\nBen Ng\n"})
    assert response.status_code == 303
    assert "Added 2 students: Ana Lopez, Ben Ng." in soup(author.get(response.headers["Location"])).get_text()
    assert [s.name for s in students(app, roster_id)] == ["Ana Lopez", "Ben Ng"]


def test_duplicates_in_a_paste_are_refused_and_named(app, author):
    before = state(app)
    response = make_class(author, names="Ana Lopez\n\nben ng\nANA  LOPEZ\nBen Ng\nChloé Martin\n")
    assert response.status_code == 422
    message = error_text(response)
    assert "more than once: Ana Lopez, ben ng." in message and "tell them apart" in message
    assert state(app) == before
    # What was typed is still there to correct.
    page = soup(response)
    assert page.select_one("#class-name")["value"] == "7B English"
    assert "Chloé Martin" in page.select_one("#class-names").get_text()
    assert page.select_one("#class-names")["aria-describedby"].split() == ["class-names-hint", "create-error"]


def test_names_already_in_the_class_are_refused_and_nothing_is_added(app, author):
    roster_id = roster_id_of(make_class(author))
    before = state(app)
    response = author.post(f"/classes/{roster_id}/students", data={"csrf_token": token(author), "names": "Dev Patel\nana lopez\nBEN NG"})
    assert response.status_code == 422
    assert "Already in the class: Ana Lopez, Ben Ng." in error_text(response)
    assert state(app) == before
    assert soup(response).select_one("#class-names").get_text() == "Dev Patel\nana lopez\nBEN NG"


def test_an_empty_paste_adds_nothing(app, author):
    roster_id = roster_id_of(make_class(author))
    before = state(app)
    response = author.post(f"/classes/{roster_id}/students", data={"csrf_token": token(author), "names": " \n\t\n"})
    assert response.status_code == 422 and "one per line" in error_text(response)
    assert state(app) == before


def test_class_names_are_unique_per_instructor(app, author):
    roster_id_of(make_class(author, name="Period 3"))
    before = state(app)
    response = make_class(author, name="  period   3 ")
    assert response.status_code == 422 and "You have a class called “Period 3” already." in error_text(response)
    assert state(app) == before
    # Another instructor may have a class of the same name.
    add_instructor(app, "other@example.org")
    with app.app_context():
        classes.create_roster(db.session(), owner_id(app, "other@example.org"), "Period 3", "")
        db.session().commit()


def test_rename(app, author):
    first = roster_id_of(make_class(author, name="Period 3"))
    second = roster_id_of(make_class(author, name="Period 4", names=""))
    response = author.post(f"/classes/{first}/name", data={"csrf_token": token(author), "name": "  Period   5 "})
    assert response.status_code == 303
    assert "The class is now called “Period 5”." in soup(author.get(response.headers["Location"])).get_text()
    before = state(app)
    for name, message in [("period 4", "You have a class called “Period 4” already."), (" ", "Give the class a name."), ("x" * 81, "80 characters")]:
        response = author.post(f"/classes/{first}/name", data={"csrf_token": token(author), "name": name}, follow_redirects=True)
        assert message in soup(response).select_one(".flashes").get_text()
        assert state(app) == before
    # Renaming a class to its own name, in other capitals, is allowed.
    assert author.post(f"/classes/{second}/name", data={"csrf_token": token(author), "name": "PERIOD 4"}).status_code == 303


# --------------------------------------------------------------------------------------------
# Bounds: refused with a message, nothing changed


@pytest.mark.parametrize(
    ("name", "names", "message"),
    [
        ("", "Ana", "Give the class a name."),
        ("\u200b \u200b", "Ana", "Give the class a name."),
        ("x" * 81, "Ana", "Keep the class's name to 80 characters."),
        ("A", "Ana\n" + "y" * 81 + "\nBen", "Keep each name to 80 characters, one name per line; too long: line 2 (“yyyyy"),
        ("A", "\n".join(f"Student {n}" for n in range(301)), "A class holds at most 300 students; that list has 301."),
        ("A", "Ana\n" * 10_001, "That list is 40,004 characters long; paste at most 30,000 characters at a time."),
    ],
    ids=["no-name", "invisible-name", "long-name", "long-student", "too-many", "too-long-paste"],
)
def test_bounds_on_create(app, author, name, names, message):
    before = state(app)
    response = make_class(author, name=name, names=names)
    assert response.status_code == 422
    assert message in error_text(response)
    assert state(app) == before
    if len(names) > classes.MAX_PASTE:
        # A paste too long to be taken is not sent back.
        assert soup(response).select_one("#class-names").get_text() == ""


def test_bounds_at_the_limit_are_accepted(app, author):
    names = "\n".join(f"Student {n:03d} " + "z" * 68 for n in range(300))
    assert len(names) < classes.MAX_PASTE
    roster_id = roster_id_of(make_class(author, name="c" * 80, names=names))
    assert len(students(app, roster_id)) == 300
    before = state(app)
    response = author.post(f"/classes/{roster_id}/students", data={"csrf_token": token(author), "names": "One more"})
    assert response.status_code == 422
    assert "A class holds at most 300 students; this one has 300 and the list adds 1." in error_text(response)
    assert state(app) == before


def test_a_name_whose_folded_form_is_too_long_is_refused(app):
    add_instructor(app)
    with app.app_context():
        # 40 characters that fold to 80 ("ß" is "ss").
        with pytest.raises(ClassError, match="80 characters"):
            classes.create_roster(db.session(), owner_id(app), "A", "ß" * 41)
        with pytest.raises(ClassError, match="80 characters"):
            classes.create_roster(db.session(), owner_id(app), "ß" * 41, "")


def test_at_most_100_classes(app, author):
    with app.app_context():
        session = db.session()
        for number in range(100):
            classes.create_roster(session, owner_id(app), f"Class {number}", "")
        session.commit()
    before = state(app)
    response = make_class(author, name="One too many")
    assert response.status_code == 422 and "You have 100 classes" in error_text(response)
    assert state(app) == before


def test_service_errors_change_nothing(app):
    add_instructor(app)
    with app.app_context():
        session = db.session()
        roster = classes.create_roster(session, owner_id(app), "Period 3", "Ana\nBen")
        session.commit()
    before = state(app)
    with app.app_context():
        session = db.session()
        roster = session.get(Roster, roster.id)
        for call in (
            lambda: classes.add_students(session, roster, "Cleo\nana"),
            lambda: classes.add_students(session, roster, "Cleo\nCLEO"),
            lambda: classes.rename_roster(session, roster, ""),
            lambda: classes.create_roster(session, roster.owner_id, "PERIOD 3", "Dev"),
        ):
            with pytest.raises(ClassError):
                call()
        session.commit()
    assert state(app) == before


# --------------------------------------------------------------------------------------------
# Personal codes


def test_codes_are_unique_and_of_the_alphabet(app, author):
    assert not LOOK_ALIKES & set(CODE_ALPHABET)
    roster_id = roster_id_of(make_class(author, names="\n".join(f"Student {n}" for n in range(300))))
    codes = [student.code for student in students(app, roster_id)]
    assert len(set(codes)) == 300
    assert all(len(code) == CODE_LENGTH and set(code) <= set(CODE_ALPHABET) for code in codes)


def test_a_code_already_taken_in_the_class_is_drawn_again(app, monkeypatch):
    add_instructor(app)
    # The draw gives AAAAA twice, then BBBBB: the second student must not get AAAAA too.
    draws = iter("AAAAA" "AAAAA" "BBBBB" "CCCCC")
    monkeypatch.setattr(classes.secrets, "choice", lambda alphabet: next(draws))
    with app.app_context():
        session = db.session()
        roster = classes.create_roster(session, owner_id(app), "Period 3", "Ana\nBen")
        assert sorted(s.code for s in roster.students) == ["AAAAA", "BBBBB"]
        ana = next(s for s in roster.students if s.name == "Ana")
        assert classes.new_code(session, ana) == "CCCCC"


def test_turn_codes_on_and_off(app, author):
    roster_id = roster_id_of(make_class(author))
    page = soup(author.get(f"/classes/{roster_id}"))
    box = page.select_one("input#codes[type=checkbox]")
    assert box is not None and not box.has_attr("checked")
    assert page.select_one("label[for=codes]").get_text() == "Students type a personal code"
    response = author.post(f"/classes/{roster_id}/settings", data={"csrf_token": token(author), "codes": "on"}, follow_redirects=True)
    assert "now type their personal code" in soup(response).select_one(".flashes").get_text()
    assert soup(response).select_one("input#codes").has_attr("checked")
    with app.app_context():
        assert db.session().get(Roster, roster_id).codes is True
    # An unticked box sends nothing: codes off.
    response = author.post(f"/classes/{roster_id}/settings", data={"csrf_token": token(author)}, follow_redirects=True)
    assert "without a code" in soup(response).select_one(".flashes").get_text()
    with app.app_context():
        assert db.session().get(Roster, roster_id).codes is False


def test_a_new_code_replaces_the_old_one(app, author):
    roster_id = roster_id_of(make_class(author))
    ana, *others = students(app, roster_id)
    response = author.post(f"/classes/{roster_id}/students/{ana.id}/code", data={"csrf_token": token(author)}, follow_redirects=True)
    now = students(app, roster_id)
    assert now[0].code != ana.code and set(now[0].code) <= set(CODE_ALPHABET)
    assert [s.code for s in now[1:]] == [s.code for s in others]
    assert f"Ana Lopez's new code is {now[0].code}; the old one no longer works." in soup(response).get_text()
    assert len({s.code for s in now}) == len(now)


def test_code_matches_ignores_case_spaces_and_dashes(app):
    student = RosterStudent(name="Ana", name_key="ana", code="AB3CD")
    assert classes.code_matches(student, "AB3CD") and classes.code_matches(student, " ab3-cd ")
    assert classes.code_matches(student, "ＡＢ３ＣＤ")  # typed on a phone's full-width keyboard
    assert not classes.code_matches(student, "AB3CE") and not classes.code_matches(student, "")
    assert not classes.code_matches(student, "АВ3CD")  # Cyrillic look-alikes


def test_the_code_sheet(app, author):
    roster_id = roster_id_of(make_class(author))
    page = soup(author.get(f"/classes/{roster_id}/codes"))
    assert "code-sheet-page" in page.body["class"]
    cards = page.select("li.code-card")
    by_student = {s.name: s.code for s in students(app, roster_id)}
    assert len(cards) == 3
    for card in cards:
        name = card.select_one(".code-card-name").get_text()
        assert card.select_one(".code-card-class").get_text() == "7B English"
        assert card.select_one(".code-card-code").get_text() == "Code: " + by_student[name]
        assert card.select_one(".code-card-hint").get_text() == "Type this code after picking your name"
    assert "Codes are off for this class" in page.get_text()
    author.post(f"/classes/{roster_id}/settings", data={"csrf_token": token(author), "codes": "on"})
    assert "Codes are off" not in soup(author.get(f"/classes/{roster_id}/codes")).get_text()


def test_the_print_stylesheet_makes_cards():
    from quiz import PROJECT_ROOT

    css = (PROJECT_ROOT / "quiz" / "static" / "css" / "app.css").read_text(encoding="utf-8")
    block = css[css.index("/* Class lists */"):]
    assert "@media print" in block and ".code-sheet-page .site-header" in block and "break-inside: avoid" in block


# --------------------------------------------------------------------------------------------
# Removing and deleting


def test_remove_a_student(app, author):
    roster_id = roster_id_of(make_class(author))
    ana, ben, chloe = students(app, roster_id)
    response = author.post(f"/classes/{roster_id}/students/{ben.id}/remove", data={"csrf_token": token(author)}, follow_redirects=True)
    assert "Ben Ng is off the class list." in soup(response).select_one(".flashes").get_text()
    assert [s.id for s in students(app, roster_id)] == [ana.id, chloe.id]
    # The name can be added again, and gets a new code.
    author.post(f"/classes/{roster_id}/students", data={"csrf_token": token(author), "names": "Ben Ng"})
    assert [s.name for s in students(app, roster_id)] == ["Ana Lopez", "Chloé Martin", "Ben Ng"]


def test_a_student_of_another_class_is_not_found(app, author):
    first = roster_id_of(make_class(author, name="A"))
    second = roster_id_of(make_class(author, name="B", names="Dev Patel"))
    dev = students(app, second)[0]
    before = state(app)
    for action in ("remove", "code"):
        response = author.post(f"/classes/{first}/students/{dev.id}/{action}", data={"csrf_token": token(author)})
        assert response.status_code == 404 and "That student is not in this class." in soup(response).get_text()
    assert state(app) == before


def test_delete_asks_first_and_takes_the_students_with_it(app, author):
    roster_id = roster_id_of(make_class(author))
    other = roster_id_of(make_class(author, name="Other", names="Eve"))
    with app.app_context():
        session = db.session()
        assignment = Assignment(owner_id=owner_id(app), title="Homework 1", code="HW7K2", roster_id=roster_id)
        session.add(assignment)
        session.commit()
        assignment_id = assignment.id
    page = soup(author.get(f"/classes/{roster_id}"))
    assert page.select_one(f"a[href='/classes/{roster_id}/delete']")
    before = state(app)
    # Without the confirmation: the question, and nothing deleted.
    response = author.post(f"/classes/{roster_id}/delete", data={"csrf_token": token(author)})
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/classes/{roster_id}/delete")
    assert state(app) == before
    question = soup(author.get(response.headers["Location"]))
    assert "Delete the class “7B English”?" in question.select_one("h1").get_text()
    assert "1 assignment is made for this class." in question.get_text()
    form = question.select_one("main form")
    data = {field["name"]: field["value"] for field in form.select("input[type=hidden]")}
    assert data["confirmed"] == "yes"
    response = author.post(form["action"], data=data)
    assert response.status_code == 303 and response.headers["Location"].endswith("/classes/")
    assert "The class “7B English” and its list of students are deleted." in soup(author.get("/classes/")).get_text()
    with app.app_context():
        session = db.session()
        assert session.get(Roster, roster_id) is None
        assert session.scalar(select(func.count()).select_from(RosterStudent).where(RosterStudent.roster_id == roster_id)) == 0
        assert session.get(Assignment, assignment_id).roster_id is None
    assert [s.name for s in students(app, other)] == ["Eve"]


def test_deleting_an_instructor_deletes_their_classes(app, author):
    roster_id_of(make_class(author))
    with app.app_context():
        session = db.session()
        session.delete(session.get(Instructor, owner_id(app)))
        session.commit()
    assert state(app) == ((), ())


# --------------------------------------------------------------------------------------------
# Pages


def test_pages_have_no_inline_styles_or_scripts(app, author):
    roster_id = roster_id_of(make_class(author))
    for path in ("/classes/", f"/classes/{roster_id}", f"/classes/{roster_id}/codes", f"/classes/{roster_id}/delete"):
        page = soup(author.get(path))
        assert not page.select("[style]") and not page.select("style")
        assert all(script.has_attr("src") for script in page.select("script"))
        # Every form field has a label; every form posts with a CSRF token.
        for field in page.select("main input:not([type=hidden]), main textarea, main select"):
            assert page.select_one(f"label[for='{field['id']}']"), field
        for form in page.select("form[method=post]"):
            assert form.select_one("input[name=csrf_token]")
    tables = soup(author.get(f"/classes/{roster_id}")).select("table") + soup(author.get("/classes/")).select("table")
    for table in tables:
        assert table.select_one("caption") and all(th.has_attr("scope") for th in table.select("th"))


# --------------------------------------------------------------------------------------------
# Who may do what

# (method, path, data, expected status for: anonymous, another instructor, the owner)
ROUTES = [
    ("GET", "/classes/", None, (302, 200, 200)),
    ("POST", "/classes/", {"name": "Period 9", "names": "Ana\nBen"}, (302, 303, 303)),
    ("GET", "/classes/{roster}", None, (302, 404, 200)),
    ("POST", "/classes/{roster}/students", {"names": "Dev Patel"}, (302, 404, 303)),
    ("POST", "/classes/{roster}/students/{student}/remove", {}, (302, 404, 303)),
    ("POST", "/classes/{roster}/students/{student}/code", {}, (302, 404, 303)),
    ("POST", "/classes/{roster}/name", {"name": "Renamed"}, (302, 404, 303)),
    ("POST", "/classes/{roster}/settings", {"codes": "on"}, (302, 404, 303)),
    ("GET", "/classes/{roster}/delete", None, (302, 404, 200)),
    ("POST", "/classes/{roster}/delete", {"confirmed": "yes"}, (302, 404, 303)),
    ("GET", "/classes/{roster}/codes", None, (302, 404, 200)),
]


@pytest.fixture
def world(app):
    """The owner's class of two students; another instructor with a class of their own; a visitor."""
    add_instructor(app, "owner@example.org")
    add_instructor(app, "other@example.org")
    owner, other, anonymous = app.test_client(), app.test_client(), app.test_client()
    sign_in(owner, "owner@example.org")
    sign_in(other, "other@example.org")
    roster_id = roster_id_of(make_class(owner, name="Mine", names="Ana Lopez\nBen Ng"))
    roster_id_of(make_class(other, name="Theirs", names="Zoe"))
    ids = {"roster": roster_id, "student": students(app, roster_id)[0].id}
    return {"anonymous": anonymous, "other": other, "owner": owner}, ids


def call(client, method, path, data, ids, csrf=True):
    url = path.format(**ids)
    if method == "GET":
        return client.get(url)
    payload = dict(data or {})
    if csrf:
        payload["csrf_token"] = token(client)
    return client.post(url, data=payload)


@pytest.mark.parametrize(("method", "path", "data", "expected"), ROUTES, ids=[f"{m} {p}" for m, p, _, _ in ROUTES])
def test_route_access(app, world, method, path, data, expected):
    clients, ids = world
    for role, status in zip(("anonymous", "other"), expected[:2]):
        before = state(app)
        response = call(clients[role], method, path, data, ids)
        assert response.status_code == status, f"{role}: {response.status_code}"
        if role == "anonymous":
            assert "/account/sign-in" in response.headers["Location"]
        if status == 404:
            # The same answer as for a class that does not exist: nothing tells that it does.
            assert "You have no class at this address." in soup(response).get_text()
        if method == "POST" and status != 303:
            assert state(app) == before, f"{role} changed something"
    if method == "POST":
        before = state(app)
        refused = call(clients["owner"], method, path, data, ids, csrf=False)
        assert refused.status_code == 400 and "security token is missing" in refused.get_data(as_text=True)
        assert state(app) == before
    before = state(app)
    response = call(clients["owner"], method, path, data, ids)
    assert response.status_code == expected[2], soup(response).get_text()[:500]
    if method == "POST":
        assert state(app) != before, "the owner's change was not made"


def test_a_missing_class_reads_like_another_instructors(app, world):
    clients, ids = world
    missing = {"roster": ids["roster"] + 1000, "student": ids["student"]}
    for method, path, data, _ in ROUTES:
        if "{roster}" in path:
            response = call(clients["owner"], method, path, data, missing)
            assert response.status_code == 404 and "You have no class at this address." in soup(response).get_text()


def test_every_class_route_is_in_the_matrix(app):
    covered = {(method, path) for method, path, _, _ in ROUTES}
    placeholders = {"<int:roster_id>": "{roster}", "<int:student_id>": "{student}"}
    missing = []
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("classes."):
            continue
        path = rule.rule
        for name, value in placeholders.items():
            path = path.replace(name, value)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            if (method, path) not in covered:
                missing.append((method, path))
    assert missing == []


def test_a_clash_found_by_the_database_changes_nothing(app, monkeypatch):
    """Another request made a class of the same name between the check and the write."""
    add_instructor(app)
    with app.app_context():
        classes.create_roster(db.session(), owner_id(app), "Period 3", "Ana")
        db.session().commit()
    before = state(app)
    monkeypatch.setattr(classes, "_check_name_free", lambda *args, **kwargs: None)
    with app.app_context():
        with pytest.raises(ClassError, match="You have a class called “PERIOD 3” already."):
            classes.create_roster(db.session(), owner_id(app), "PERIOD 3", "Ben\nCleo")
        db.session().commit()
    assert state(app) == before
