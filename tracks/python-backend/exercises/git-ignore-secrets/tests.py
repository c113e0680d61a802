import repo


def first_commit():
    history = repo.log("main")
    return history[-1] if history else None


def test_gitignore_is_committed_on_main():
    assert repo.resolve("main") is not None, "there is no branch main: commit on main"
    assert repo.show("main", ".gitignore") is not None, ".gitignore is not in the last commit of main: did you `git add .gitignore` and commit it?"


def test_env_files_are_ignored_in_every_folder():
    for path in [".env", "config/.env"]:
        assert repo.ignored(path, "main"), f"git would not ignore {path}: add the line `.env` to .gitignore"


def test_python_caches_are_ignored():
    for path in ["__pycache__/app.cpython-311.pyc", "weather/__pycache__/api.cpython-311.pyc", "old.pyc"]:
        assert repo.ignored(path, "main"), f"git would not ignore {path}: ignore the __pycache__/ folders and *.pyc files"


def test_the_virtual_environment_is_ignored():
    assert repo.ignored(".venv/bin/python", "main"), "git would not ignore .venv/bin/python: ignore the folder .venv/"


def test_env_example_is_committed_and_not_ignored():
    assert not repo.ignored(".env.example", "main"), "your .gitignore ignores .env.example too (a pattern like `.env*`?): ignore exactly .env"
    assert repo.show("main", ".env.example") is not None, ".env.example is not in the last commit of main"


def test_env_example_holds_no_secret():
    text = repo.show("main", ".env.example") or ""
    settings = {}
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            name, value = line.split("=", 1)
            settings[name.strip()] = value.strip()
    assert "WEATHER_API_KEY" in settings, f".env.example should list WEATHER_API_KEY; it lists {sorted(settings)}"
    assert settings["WEATHER_API_KEY"] == "", "WEATHER_API_KEY has a value in .env.example: leave it empty (WEATHER_API_KEY=), the real key stays in your own .env"


def test_no_commit_ever_held_a_env_file():
    for commit in repo.log(all_refs=True):
        for path in commit.files:
            assert path.rsplit("/", 1)[-1] != ".env", (
                f"commit {commit.short} ({commit.subject!r}) adds or changes {path}: the key is in the history, "
                "even if a later commit deletes the file. Make your commits again without it."
            )


def test_app_py_is_unchanged():
    first = first_commit()
    assert first is not None and first.subject == "Add the weather app", "the history of main no longer starts with the commit you were given"
    assert repo.show("main", "app.py") == repo.show(first.sha, "app.py"), "app.py changed: this exercise is only about what git keeps"
