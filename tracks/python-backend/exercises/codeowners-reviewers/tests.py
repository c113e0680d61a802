import pytest

from solution import required_reviewers

README_FILE = """\
# The back-end team owns everything by default.
*                   @shop/backend
/docs/              @shop/docs
*.sql               @dba-kim
/app/payments/      @shop/payments @Lea
/app/payments/README.md
"""

API = """\
*               @platform
# API owners
api/            @api-team
**/schemas/*    @Contracts
/api/v1/        @legacy @Api-Team
Dockerfile      ops@shop.example
/infra/**       @sre
"""


def check(codeowners, paths, author, expected):
    got = required_reviewers(codeowners, paths, author)
    assert got == expected, (
        f"required_reviewers(..., {paths!r}, {author!r}) should be {expected!r}, got {got!r}"
    )


def test_readme_examples():
    check(README_FILE, ["app/payments/stripe.py"], "@lea", ["@shop/payments"])
    check(README_FILE, ["docs/api.md", "app/models.py"], "@ada", ["@shop/backend", "@shop/docs"])
    check(README_FILE, ["app/payments/README.md"], "@ada", [])


def test_last_matching_rule_wins_not_the_first():
    check(README_FILE, ["db/schema.sql"], "@ada", ["@dba-kim"])
    check(README_FILE, ["app/payments/0007_refunds.sql"], "@ada", ["@lea", "@shop/payments"])


def test_directory_pattern_covers_everything_below():
    check(API, ["services/api/handlers/users.py"], "@zoe", ["@api-team"])
    check(API, ["api/v1/deep/down/file.py"], "@zoe", ["@api-team", "@legacy"])


def test_directory_only_pattern_does_not_match_a_file():
    check(API, ["tools/api"], "@zoe", ["@platform"])


def test_anchored_pattern_only_matches_from_the_top():
    check(API, ["legacy/api/v1/x.py"], "@zoe", ["@api-team"])
    check(API, ["docs/infra/plan.md"], "@zoe", ["@platform"])
    check(API, ["infra/k8s/deploy.yaml"], "@zoe", ["@sre"])
    check("/Makefile @build\n/config/ @config\n", ["tools/config/base.ini", "web/Makefile"], "@x", [])


def test_double_star_at_the_start_matches_zero_or_more_directories():
    check(API, ["schemas/user.json"], "@zoe", ["@contracts"])
    check(API, ["web/forms/schemas/user.json"], "@zoe", ["@contracts"])
    check(API, ["web/forms/schemas/v2/user.json"], "@zoe", ["@contracts"])
    check(API, ["web/schemas.json"], "@zoe", ["@platform"])


def test_star_does_not_cross_a_slash():
    check("*.md @writers\ndocs/*.md @docs\n", ["docs/guide/intro.md"], "@x", ["@writers"])
    check("*.md @writers\ndocs/*.md @docs\n", ["docs/intro.md"], "@x", ["@docs"])


def test_email_owners_and_lowercase():
    check(API, ["deploy/Dockerfile"], "@zoe", ["ops@shop.example"])
    check(API, ["api/v1/x.py", "api/v2/y.py"], "@zoe", ["@api-team", "@legacy"])


def test_each_reviewer_once_sorted_across_paths():
    paths = ["infra/a.tf", "api/b.py", "main.py", "api/c.py", "infra/d.tf"]
    check(API, paths, "@nobody", ["@api-team", "@platform", "@sre"])


def test_author_is_removed_whatever_the_case():
    check(API, ["api/v1/x.py"], "@API-TEAM", ["@legacy"])
    check(API, ["main.py"], "@platform", [])


def test_no_rule_matches_means_nobody():
    check("/docs/ @docs\n", ["app/main.py"], "@x", [])
    check("", ["app/main.py"], "@x", [])
    check(API, [], "@x", [])


def test_dot_is_literal():
    check("app.py @one\n", ["appxpy"], "@x", [])


@pytest.mark.parametrize(
    "text, line",
    [
        ("*.py dba-kim\n", 1),
        ("# owners\n\n* @all\nsrc/ @src team\n", 4),
        ("* @ok\n/docs/ @docs @writers writers\n", 2),
    ],
)
def test_bad_owner_raises_value_error_naming_the_line(text, line):
    with pytest.raises(ValueError) as error:
        required_reviewers(text, ["a.py"], "@x")
    assert f"line {line}" in str(error.value), f"the error should name line {line}, got {error.value}"


def test_email_owner_is_accepted_but_a_lone_at_sign_word_is_checked():
    check("* kim@shop.example\n", ["a.py"], "@x", ["kim@shop.example"])
    with pytest.raises(ValueError):
        required_reviewers("* kim.shop.example\n", ["a.py"], "@x")
