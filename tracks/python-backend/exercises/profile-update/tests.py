import pytest

from solution import apply_update

GRACE = {
    "id": 12,
    "email": "grace@example.org",
    "name": "Grace",
    "bio": "Compilers",
    "role": "member",
    "active": True,
    "created_at": "2023-11-20",
}


def record():
    return dict(GRACE)


def expect(changes, is_admin, updated_fields, errors):
    got = apply_update(record(), changes, is_admin)
    expected = ({**GRACE, **updated_fields}, errors)
    assert got == expected, f"apply_update(grace, {changes!r}, is_admin={is_admin}), where grace = {GRACE!r}"


def test_nothing_to_change():
    expect({}, False, {}, {})


def test_a_member_changes_name_and_bio():
    expect({"name": "Grace Hopper", "bio": "COBOL, and the first bug"}, False,
           {"name": "Grace Hopper", "bio": "COBOL, and the first bug"}, {})


def test_the_name_is_stored_without_the_spaces_around_it():
    expect({"name": "\t Grace B. Hopper  "}, False, {"name": "Grace B. Hopper"}, {})


def test_the_bio_can_be_cleared_with_none():
    expect({"bio": None}, False, {"bio": None}, {})


def test_a_member_cannot_make_themselves_admin():
    expect({"role": "admin"}, False, {}, {"role": "admin-only"})


def test_a_member_cannot_send_admin_fields_even_unchanged():
    expect({"role": "member", "active": True}, False, {}, {"role": "admin-only", "active": "admin-only"})


def test_an_admin_changes_role_and_active():
    expect({"role": "admin", "active": False}, True, {"role": "admin", "active": False}, {})


@pytest.mark.parametrize("field, value", [("id", 1), ("email", "mallory@example.com"), ("created_at", "2000-01-01")])
def test_nobody_changes_read_only_fields_not_even_an_admin(field, value):
    expect({field: value}, True, {}, {field: "read-only"})


@pytest.mark.parametrize("field", ["is_admin", "Role", "password_hash", "owner_id", "__class__", ""])
def test_fields_a_profile_does_not_have_are_unknown(field):
    expect({field: True}, True, {}, {field: "unknown"})


def test_every_refused_field_is_reported_and_nothing_is_applied():
    expect({"name": "Mallory", "role": "admin", "id": 1, "is_staff": True, "bio": 7}, False, {},
           {"role": "admin-only", "id": "read-only", "is_staff": "unknown", "bio": "invalid"})


def test_one_refused_field_means_the_good_ones_are_not_applied_either():
    expect({"name": "Grace H.", "balance": 1_000_000}, False, {}, {"balance": "unknown"})


@pytest.mark.parametrize(
    "name",
    ["", "   ", "\n", "x" * 51, 42, None, ["Grace"], True],
    ids=["empty", "only spaces", "only a newline", "51 characters", "a number", "None", "a list", "True"],
)
def test_invalid_names(name):
    expect({"name": name}, False, {}, {"name": "invalid"})


def test_names_count_characters_not_bytes():
    expect({"name": "🚀" * 50}, False, {"name": "🚀" * 50}, {})
    expect({"name": "Zoë " * 12 + "Zë"}, False, {"name": "Zoë " * 12 + "Zë"}, {})
    expect({"name": "é" * 51}, False, {}, {"name": "invalid"})


def test_a_name_of_50_characters_after_stripping_is_allowed():
    expect({"name": "  " + "a" * 50 + "  "}, False, {"name": "a" * 50}, {})


def test_bio_limits():
    expect({"bio": "b" * 300}, False, {"bio": "b" * 300}, {})
    expect({"bio": "b" * 301}, False, {}, {"bio": "invalid"})
    expect({"bio": ""}, False, {"bio": ""}, {})


@pytest.mark.parametrize("role", ["Admin", "admin ", "owner", "", None, 1])
def test_an_admin_can_only_set_known_roles(role):
    expect({"role": role}, True, {}, {"role": "invalid"})


@pytest.mark.parametrize("active", [1, 0, "true", "false", None])
def test_active_must_be_a_real_bool(active):
    expect({"active": active}, True, {}, {"active": "invalid"})


@pytest.mark.parametrize("changes", [["name", "Mallory"], "name=Mallory", None, 42])
def test_changes_that_are_not_an_object(changes):
    expect(changes, False, {}, {"changes": "invalid"})


def test_the_record_and_the_changes_are_not_changed():
    stored, changes = record(), {"name": " Grace ", "bio": None}
    apply_update(stored, changes, False)
    assert (stored, changes) == (GRACE, {"name": " Grace ", "bio": None})
