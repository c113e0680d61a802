# The search (title__istartswith) runs UPPER(title) LIKE UPPER('abc%'). The database's
# collation is not C, so only an index with text_pattern_ops can serve that LIKE; Django 3.2
# cannot declare an operator class on an expression, so the index is written in SQL.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX books_title_prefix ON books (upper(title) text_pattern_ops)",
            reverse_sql="DROP INDEX books_title_prefix",
        ),
    ]
