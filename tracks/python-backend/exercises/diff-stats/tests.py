from solution import diff_stats

ROUTES = """\
diff --git a/app/routes.py b/app/routes.py
index 3b18e51..a9c2f0d 100644
--- a/app/routes.py
+++ b/app/routes.py
@@ -10,3 +10,4 @@ def create_app():
     app = Flask(__name__)
-    app.config["DEBUG"] = True
+    app.config.from_prefixed_env()
+    register_routes(app)
     return app
"""

NEW_FILE = """\
diff --git a/tests/test_auth.py b/tests/test_auth.py
new file mode 100644
index 0000000..5d1e2aa
--- /dev/null
+++ b/tests/test_auth.py
@@ -0,0 +1,3 @@
+def test_login(client):
+    response = client.post("/login")
+    assert response.status_code == 400
"""

DELETED_FILE = """\
diff --git a/old_settings.py b/old_settings.py
deleted file mode 100644
index 7c4a013..0000000
--- a/old_settings.py
+++ /dev/null
@@ -1,2 +0,0 @@
-DEBUG = True
-SECRET_KEY = "dev"
"""

SQL_COMMENTS = """\
diff --git a/schema.sql b/schema.sql
index 1111111..2222222 100644
--- a/schema.sql
+++ b/schema.sql
@@ -1,3 +1,3 @@
--- users of the app
+-- people who can log in
 CREATE TABLE users (
   id INTEGER PRIMARY KEY,
@@ -20,2 +20,3 @@ CREATE TABLE tasks (
   done INTEGER NOT NULL
+  -- due dates come later
 );
"""

TWO_HUNKS_NO_NEWLINE = """\
diff --git a/README.md b/README.md
index 0a1b2c3..4d5e6f7 100644
--- a/README.md
+++ b/README.md
@@ -1,3 +1,3 @@
-# Task tracker
+# Task Tracker
 
 A small API.
@@ -30,2 +30,3 @@ Run it with:
     flask run
-Have fun!
\\ No newline at end of file
+Have fun!
+Questions? Open an issue.
"""


def test_empty_diff():
    assert diff_stats("") == {}


def test_one_changed_file():
    assert diff_stats(ROUTES) == {"app/routes.py": {"added": 2, "removed": 1}}


def test_new_file_uses_the_new_path():
    assert diff_stats(NEW_FILE) == {"tests/test_auth.py": {"added": 3, "removed": 0}}


def test_deleted_file_uses_the_old_path():
    assert diff_stats(DELETED_FILE) == {"old_settings.py": {"added": 0, "removed": 2}}


def test_lines_that_look_like_headers_inside_a_hunk_are_changes():
    assert diff_stats(SQL_COMMENTS) == {"schema.sql": {"added": 2, "removed": 1}}


def test_several_hunks_and_no_newline_remark():
    assert diff_stats(TWO_HUNKS_NO_NEWLINE) == {"README.md": {"added": 3, "removed": 2}}


def test_several_files_in_one_diff():
    diff = ROUTES + NEW_FILE + DELETED_FILE + SQL_COMMENTS
    assert diff_stats(diff) == {
        "app/routes.py": {"added": 2, "removed": 1},
        "tests/test_auth.py": {"added": 3, "removed": 0},
        "old_settings.py": {"added": 0, "removed": 2},
        "schema.sql": {"added": 2, "removed": 1},
    }


def test_a_file_header_after_a_hunk_starts_a_new_file():
    stats = diff_stats(SQL_COMMENTS + ROUTES)
    assert sorted(stats) == ["app/routes.py", "schema.sql"]
    assert stats["app/routes.py"] == {"added": 2, "removed": 1}
