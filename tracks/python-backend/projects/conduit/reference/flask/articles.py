"""Articles, favorites, comments, the feed and tags."""
import sqlite3

from flask import Blueprint, Response, jsonify, request

import database
from api import body, profile_json, viewer, viewer_id
from database import db, one
from rules import ApiError, check, fail, now_text, page, required_text, slug_candidates, tag_list

articles = Blueprint("articles", __name__)


def article_json(article, seen_by, with_body=True):
    out = {
        "slug": article["slug"],
        "title": article["title"],
        "description": article["description"],
        "tagList": database.article_tags(article["id"]),
        "createdAt": article["created_at"],
        "updatedAt": article["updated_at"],
        "favorited": database.favorited(article["id"], seen_by),
        "favoritesCount": database.favorites_count(article["id"]),
        "author": profile_json(database.user_by_id(article["author_id"]), seen_by),
    }
    if with_body:
        out["body"] = article["body"]
    return out


def existing_article(slug):
    article = one("SELECT * FROM articles WHERE slug = ?", (slug,))
    if article is None:
        raise fail(404, "article", "not found")
    return article


def own_article(slug, user):
    """401 is the caller's business (already checked), then 404, then 403."""
    article = existing_article(slug)
    if article["author_id"] != user["id"]:
        raise fail(403, "article", "forbidden")
    return article


def reply(article, seen_by, status=200):
    return jsonify({"article": article_json(article, seen_by)}), status


def free_slug(title, article_id=0):
    for candidate in slug_candidates(title):
        if one("SELECT 1 FROM articles WHERE slug = ? AND id != ?", (candidate, article_id)) is None:
            return candidate


# ---------------------------------------------------------------- create, read, update, delete

@articles.post("/api/articles")
def create_article():
    me = viewer(required=True)
    data = body("article")
    tags, tags_problem = tag_list(data.get("tagList", []))
    check({"title": required_text(data.get("title")), "description": required_text(data.get("description")),
           "body": required_text(data.get("body")), "tagList": tags_problem})
    now = now_text()
    for _attempt in range(10):
        try:
            cursor = db().execute(
                "INSERT INTO articles (slug, title, description, body, author_id, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (free_slug(data["title"]), data["title"], data["description"], data["body"], me["id"], now, now))
            break
        except sqlite3.IntegrityError:
            continue  # another request took the slug in the meantime: take the next one
    else:
        raise ApiError(409, {"slug": ["has already been taken"]})
    database.set_tags(cursor.lastrowid, tags)
    db().commit()
    return reply(one("SELECT * FROM articles WHERE id = ?", (cursor.lastrowid,)), me["id"], 201)


@articles.get("/api/articles/<slug>")
def get_article(slug):
    me = viewer(required=False)
    return reply(existing_article(slug), viewer_id(me))


@articles.put("/api/articles/<slug>")
def update_article(slug):
    me = viewer(required=True)
    article = own_article(slug, me)
    data = body("article")
    problems = {field: required_text(data[field]) for field in ("title", "description", "body") if field in data}
    tags = None
    if "tagList" in data:
        tags, problems["tagList"] = tag_list(data["tagList"])
    check(problems)
    merged = {field: data.get(field, article[field]) for field in ("title", "description", "body")}
    new_slug = article["slug"] if merged["title"] == article["title"] else free_slug(merged["title"], article["id"])
    db().execute("UPDATE articles SET slug = ?, title = ?, description = ?, body = ?, updated_at = ? WHERE id = ?",
                 (new_slug, merged["title"], merged["description"], merged["body"],
                  now_text(after=article["updated_at"]), article["id"]))
    if tags is not None:
        database.set_tags(article["id"], tags)
    db().commit()
    return reply(one("SELECT * FROM articles WHERE id = ?", (article["id"],)), me["id"])


@articles.delete("/api/articles/<slug>")
def delete_article(slug):
    me = viewer(required=True)
    article = own_article(slug, me)
    # Tags, favorites and comments go with it (ON DELETE CASCADE).
    db().execute("DELETE FROM articles WHERE id = ?", (article["id"],))
    db().commit()
    return Response(status=204)


# ---------------------------------------------------------------- favorites

@articles.post("/api/articles/<slug>/favorite")
def favorite(slug):
    me = viewer(required=True)
    article = existing_article(slug)
    db().execute("INSERT OR IGNORE INTO favorites (user_id, article_id) VALUES (?, ?)", (me["id"], article["id"]))
    db().commit()
    return reply(article, me["id"])


@articles.delete("/api/articles/<slug>/favorite")
def unfavorite(slug):
    me = viewer(required=True)
    article = existing_article(slug)
    db().execute("DELETE FROM favorites WHERE user_id = ? AND article_id = ?", (me["id"], article["id"]))
    db().commit()
    return reply(article, me["id"])


# ---------------------------------------------------------------- lists

def article_list(conditions, params, seen_by):
    """One page of the articles matching every condition (fixed SQL of ours, values in
    params), newest first, and how many match in all."""
    limit, offset = page(request.args)
    where = " AND ".join(conditions) or "1 = 1"
    count = one(f"SELECT COUNT(*) FROM articles a WHERE {where}", params)[0]
    rows = db().execute(f"SELECT * FROM articles a WHERE {where} ORDER BY a.id DESC LIMIT ? OFFSET ?",
                        (*params, limit, offset)).fetchall()
    return jsonify({"articles": [article_json(row, seen_by, with_body=False) for row in rows], "articlesCount": count})


@articles.get("/api/articles")
def list_articles():
    me = viewer(required=False)
    conditions, params = [], []
    filters = {
        "tag": "EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = a.id AND t.tag = ?)",
        "author": "a.author_id = (SELECT id FROM users WHERE username = ?)",
        "favorited": "EXISTS (SELECT 1 FROM favorites f JOIN users u ON u.id = f.user_id"
                     " WHERE f.article_id = a.id AND u.username = ?)",
    }
    for name, condition in filters.items():
        value = request.args.get(name)
        if value:
            conditions.append(condition)
            params.append(value)
    return article_list(conditions, params, viewer_id(me))


@articles.get("/api/articles/feed")
def feed():
    me = viewer(required=True)
    return article_list(["a.author_id IN (SELECT followed_id FROM follows WHERE follower_id = ?)"], [me["id"]], me["id"])


@articles.get("/api/tags")
def tags():
    return jsonify({"tags": [row["tag"] for row in db().execute("SELECT DISTINCT tag FROM article_tags")]})


# ---------------------------------------------------------------- comments

def comment_json(comment, seen_by):
    return {"id": comment["id"], "createdAt": comment["created_at"], "updatedAt": comment["updated_at"],
            "body": comment["body"], "author": profile_json(database.user_by_id(comment["author_id"]), seen_by)}


@articles.post("/api/articles/<slug>/comments")
def add_comment(slug):
    me = viewer(required=True)
    article = existing_article(slug)
    data = body("comment")
    check({"body": required_text(data.get("body"))})
    now = now_text()
    cursor = db().execute("INSERT INTO comments (article_id, author_id, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                          (article["id"], me["id"], data["body"], now, now))
    db().commit()
    return jsonify({"comment": comment_json(one("SELECT * FROM comments WHERE id = ?", (cursor.lastrowid,)), me["id"])}), 201


@articles.get("/api/articles/<slug>/comments")
def list_comments(slug):
    me = viewer(required=False)
    article = existing_article(slug)
    rows = db().execute("SELECT * FROM comments WHERE article_id = ? ORDER BY id", (article["id"],)).fetchall()
    return jsonify({"comments": [comment_json(row, viewer_id(me)) for row in rows]})


@articles.delete("/api/articles/<slug>/comments/<comment_id>")
def delete_comment(slug, comment_id):
    me = viewer(required=True)
    article = existing_article(slug)
    # The id is text from the URL: only digits, and few enough for SQLite's integers.
    comment = None
    if comment_id.isascii() and comment_id.isdigit() and len(comment_id) <= 18:
        comment = one("SELECT * FROM comments WHERE id = ? AND article_id = ?", (int(comment_id), article["id"]))
    if comment is None:
        raise fail(404, "comment", "not found")
    if comment["author_id"] != me["id"]:
        raise fail(403, "comment", "forbidden")
    db().execute("DELETE FROM comments WHERE id = ?", (comment["id"],))
    db().commit()
    return Response(status=204)
