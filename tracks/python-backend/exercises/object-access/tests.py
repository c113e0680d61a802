import pytest

from solution import can, decide, visible

ACTIONS = ["read", "update", "delete", "share"]


def member(user_id, role="member", active=True):
    return {"id": user_id, "role": role, "active": active}


ADA = member(7)  # the owner
BOB = member(9)  # shared with, to read
CAROL = member(12)  # shared with, to write
MALLORY = member(13)
NUMBER_42 = member(42)  # whose id is the id of the document
ADMIN = member(1, "admin")
AUDITOR = member(2, "auditor")
ADA_DISABLED = member(7, active=False)
ADMIN_DISABLED = member(1, "admin", active=False)
NOT_REALLY_ADMIN = member(14, "Admin")

PRIVATE = {"id": 42, "owner_id": 7, "visibility": "private", "shared_with": {9: "read", 12: "write"}}
PUBLIC = {"id": 43, "owner_id": 7, "visibility": "public", "shared_with": {12: "write"}}
ORPHAN = {"id": 44, "owner_id": None, "visibility": "private", "shared_with": {}}
ODD_SHARES = {"id": 45, "owner_id": 7, "visibility": "private", "shared_with": {13: "owner", 42: "admin", 9: "READ"}}

USERS = {
    "the owner": ADA, "a reader it is shared with": BOB, "a writer it is shared with": CAROL,
    "another member": MALLORY, "a member whose id is the document's id": NUMBER_42,
    "an admin": ADMIN, "an auditor": AUDITOR, "the owner, disabled": ADA_DISABLED,
    "an admin, disabled": ADMIN_DISABLED, "a role of 'Admin'": NOT_REALLY_ADMIN, "nobody logged in": None,
}


def allowed(user, doc):
    return [action for action in ACTIONS if can(user, action, doc)]


def check(who, doc, expected):
    got = allowed(USERS[who], doc)
    assert got == expected, f"{who} ({USERS[who]!r}) may do {got} on {doc!r}; expected {expected}"


ON_PRIVATE = {
    "the owner": ACTIONS,
    "a reader it is shared with": ["read"],
    "a writer it is shared with": ["read", "update"],
    "another member": [],
    "a member whose id is the document's id": [],
    "an admin": ACTIONS,
    "an auditor": ["read"],
    "the owner, disabled": [],
    "an admin, disabled": [],
    "a role of 'Admin'": [],
    "nobody logged in": [],
}


@pytest.mark.parametrize("who", list(ON_PRIVATE), ids=list(ON_PRIVATE))
def test_a_private_document(who):
    check(who, PRIVATE, ON_PRIVATE[who])


ON_PUBLIC = {
    "the owner": ACTIONS,
    "a reader it is shared with": ["read"],
    "a writer it is shared with": ["read", "update"],
    "another member": ["read"],
    "an admin": ACTIONS,
    "an auditor": ["read"],
    "the owner, disabled": ["read"],
    "nobody logged in": ["read"],
}


@pytest.mark.parametrize("who", list(ON_PUBLIC), ids=list(ON_PUBLIC))
def test_a_public_document(who):
    check(who, PUBLIC, ON_PUBLIC[who])


ON_ORPHAN = {"nobody logged in": [], "another member": [], "an admin": ACTIONS, "an auditor": ["read"], "the owner, disabled": []}


@pytest.mark.parametrize("who", list(ON_ORPHAN), ids=list(ON_ORPHAN))
def test_a_document_whose_owner_was_deleted(who):
    check(who, ORPHAN, ON_ORPHAN[who])


@pytest.mark.parametrize(
    "who, expected",
    [("another member", []), ("a member whose id is the document's id", []), ("a reader it is shared with", [])],
    ids=["shared as 'owner'", "shared as 'admin'", "shared as 'READ'"],
)
def test_a_share_other_than_read_or_write_gives_nothing(who, expected):
    check(who, ODD_SHARES, expected)


def test_an_auditor_owns_their_own_documents():
    notes = {"id": 60, "owner_id": 2, "visibility": "private", "shared_with": {}}
    assert allowed(AUDITOR, notes) == ACTIONS


def test_active_must_be_exactly_true():
    for active in (1, "yes", None):
        user = member(7, active=active)
        assert allowed(user, PRIVATE) == [], f"a user with active={active!r} may act on their document"
        assert decide(user, "read", PRIVATE) == 401


@pytest.mark.parametrize("action", ["READ", "write", "view", "", None])
def test_an_unknown_action_is_a_value_error(action):
    with pytest.raises(ValueError):
        can(ADA, action, PRIVATE)
    with pytest.raises(ValueError):
        can(None, action, PUBLIC)


STATUS_CASES = [
    ("the owner", "delete", PRIVATE, 200),
    ("a reader it is shared with", "read", PRIVATE, 200),
    ("a reader it is shared with", "update", PRIVATE, 403),
    ("a writer it is shared with", "delete", PRIVATE, 403),
    ("another member", "read", PRIVATE, 404),
    ("another member", "delete", PRIVATE, 404),
    ("a member whose id is the document's id", "update", PRIVATE, 404),
    ("another member", "update", PUBLIC, 403),
    ("an auditor", "delete", PRIVATE, 403),
    ("an auditor", "update", ORPHAN, 403),
    ("nobody logged in", "read", PRIVATE, 401),
    ("nobody logged in", "update", PUBLIC, 401),
    ("nobody logged in", "read", PUBLIC, 200),
    ("nobody logged in", "delete", ORPHAN, 401),
    ("the owner, disabled", "read", PRIVATE, 401),
    ("an admin, disabled", "share", ORPHAN, 401),
    ("an admin", "share", ORPHAN, 200),
]


@pytest.mark.parametrize(
    "who, action, doc, status",
    STATUS_CASES,
    ids=[f"{who} {action}s document {doc['id']}" for who, action, doc, _ in STATUS_CASES],
)
def test_the_http_status(who, action, doc, status):
    got = decide(USERS[who], action, doc)
    assert got == status, f"decide({who}, {action!r}, document {doc['id']}) returned {got!r}; expected {status}"


def test_the_list_shows_only_what_the_user_may_read():
    docs = [PRIVATE, PUBLIC, ORPHAN, ODD_SHARES]
    assert visible(ADA, docs) == [42, 43, 45]
    assert visible(BOB, docs) == [42, 43]
    assert visible(MALLORY, docs) == [43]
    assert visible(NUMBER_42, docs) == [43]
    assert visible(None, docs) == [43]
    assert visible(AUDITOR, docs) == [42, 43, 44, 45]
    assert visible(ADMIN_DISABLED, docs) == [43]


def test_the_list_keeps_its_order_and_handles_many_documents():
    docs = [
        {"id": n, "owner_id": n % 5, "visibility": "public" if n % 7 == 0 else "private", "shared_with": {3: "read"} if n % 4 == 0 else {}}
        for n in range(300, 0, -1)
    ]
    expected = [n for n in range(300, 0, -1) if n % 5 == 3 or n % 7 == 0 or n % 4 == 0]
    assert visible(member(3), docs) == expected
    assert visible(None, []) == []
