from solution import review_comments

README_DIFF = """\
diff --git a/app/views.py b/app/views.py
--- a/app/views.py
+++ b/app/views.py
@@ -10,3 +10,4 @@ def index():
     items = load()
-    return render(items)
+    print(items)
+    return render(items) 
     # end
"""

TWO_FILES = """\
diff --git a/shop/cart.py b/shop/cart.py
index 1a2b3c4..5d6e7f8 100644
--- a/shop/cart.py
+++ b/shop/cart.py
@@ -40,6 +40,8 @@ class Cart:
     def add(self, item):
-        self.items.append(item)
-        self.total += item.price
+        breakpoint()
+        self.items.append(item)
+        self.total = round(self.total + item.price * item.quantity, 2)
+        pprint(self.items)
         return self
 
     def clear(self):
@@ -90 +91,2 @@ class Cart:
-        self.items = []
+        self.items = []	
+        import pdb; pdb.set_trace()
diff --git a/docs/notes.md b/docs/notes.md
--- a/docs/notes.md
+++ b/docs/notes.md
@@ -1 +1 @@
-old
+print("this is markdown, not Python")   
diff --git a/shop/tax.py b/shop/tax.py
new file mode 100644
--- /dev/null
+++ b/shop/tax.py
@@ -0,0 +1,3 @@
+def vat(amount):
+    # print(amount) when debugging
+    return logger.print(amount) or blueprint(amount)
"""


def check(diff, expected, **options):
    got = review_comments(diff, **options)
    assert got == expected, f"review_comments(diff, {options}) for the diff\n{diff}\nshould be {expected!r}\ngot {got!r}"


def test_readme_example():
    check(README_DIFF, ["app/views.py:11: leftover print()", "app/views.py:12: trailing whitespace"])


def test_line_numbers_skip_removed_lines_and_follow_each_hunk():
    check(
        TWO_FILES,
        [
            "shop/cart.py:41: leftover debugger",
            "shop/cart.py:91: trailing whitespace",
            "shop/cart.py:92: leftover debugger",
        ],
    )


def test_max_length_counts_the_text_without_the_plus():
    got = review_comments(TWO_FILES, max_length=64)
    assert got[:3] == [
        "shop/cart.py:41: leftover debugger",
        "shop/cart.py:43: line too long (70 > 64)",
        "shop/cart.py:91: trailing whitespace",
    ], f"review_comments(TWO_FILES, max_length=64) gave {got!r}"
    check("diff --git a/a.py b/a.py\n--- a/a.py\n+++ b/a.py\n@@ -1 +1 @@\n-x\n+" + "y" * 30 + "\n", [], max_length=30)
    check("diff --git a/a.py b/a.py\n--- a/a.py\n+++ b/a.py\n@@ -1 +1 @@\n-x\n+" + "y" * 31 + "\n", ["a.py:1: line too long (31 > 30)"], max_length=30)


def test_print_only_when_it_is_the_builtin():
    diff = (
        "diff --git a/p.py b/p.py\n--- a/p.py\n+++ b/p.py\n@@ -0,0 +1,6 @@\n"
        "+x = print(1)\n+sprint(2)\n+obj.print(3)\n+my_print(4)\n+if x: print (5)\n+(print(6))\n"
    )
    check(diff, ["p.py:1: leftover print()", "p.py:6: leftover print()"])


def test_comment_lines_are_not_leftovers_but_can_be_too_long():
    diff = (
        "diff --git a/c.py b/c.py\n--- a/c.py\n+++ b/c.py\n@@ -5,0 +6,2 @@\n"
        "+    # print(x) and breakpoint() were here\n+x = 1  # print(x)\n"
    )
    check(diff, ["c.py:7: leftover print()"])
    check(diff, ["c.py:6: line too long (41 > 30)", "c.py:7: leftover print()"], max_length=30)


def test_added_lines_starting_with_plus_plus_are_content():
    diff = (
        "diff --git a/s.py b/s.py\n--- a/s.py\n+++ b/s.py\n@@ -1,2 +1,2 @@\n"
        " x = 1\n--- old comment\n+++ print('counter')\n"
    )
    check(diff, ["s.py:2: leftover print()"])


def test_no_newline_marker_does_not_take_a_line_number():
    diff = (
        "diff --git a/n.py b/n.py\n--- a/n.py\n+++ b/n.py\n@@ -1,2 +1,3 @@\n"
        " a = 1\n-b = 2\n\\ No newline at end of file\n+b = 2\n+print(b)\n\\ No newline at end of file\n"
    )
    check(diff, ["n.py:3: leftover print()"])


def test_deleted_files_and_other_languages_are_not_checked():
    diff = (
        "diff --git a/old.py b/old.py\ndeleted file mode 100644\n--- a/old.py\n+++ /dev/null\n"
        "@@ -1 +0,0 @@\n-print(1)\n"
        "diff --git a/run.sh b/run.sh\n--- a/run.sh\n+++ b/run.sh\n@@ -1 +1,2 @@\n x\n+print( \n"
        "diff --git a/pyfile.txt b/pyfile.txt\n--- a/pyfile.txt\n+++ b/pyfile.txt\n@@ -3 +3 @@\n-a\n+print(1)\n"
    )
    check(diff, [])


def test_empty_diff():
    check("", [])
