"""Articles, favorites, comments, the feed and tags."""
import sqlite3

from fastapi import APIRouter, Depends, Request, Response

import database
from api import body, current_user, optional_user, profile_json, viewer_id
from database import get_db, one
from rules import ApiError, check, fail, now_text, page, required_text, slug_candidates, tag_list

router = APIRouter()


def article_json(db, article, seen_by, with_body=True):
    out = {
        "slug": article["slug"],
        "title": article["title"],
        "description": article["description"],
        "tagList": database.article_tags(db, article["id"]),
        "createdAt": article["created_at"],
        "updatedAt": article["updated_at"],
        "favorited": database.favorited(db, article["id"], seen_by),
        "favoritesCount": database.favorites_count(db, article["id"]),
        "author": profile_json(db, database.user_by_id(db, article["author_id"]), seen_by),
    }
    if with_body:
        out["body"] = article["body"]
    return out


def existing_article(db, slug):
    article = one(db, "SELECT * FROM articles WHERE slug = ?", (slug,))
    if article is None:
        raise fail(404, "article", "not found")
    return article


def own_article(db, slug, user):
    """401 is the caller's business (a dependency, already checked), then 404, then 403."""
    article = existing_article(db, slug)
    if article["author_id"] != user["id"]:
        raise fail(403, "article", "forbidden")
    return article


def reply(db, article_id, seen_by):
    return {"article": article_json(db, one(db, "SELECT * FROM articles WHERE id = ?", (article_id,)), seen_by)}


def free_slug(db, title, article_id=0):
    for candidate in slug_candidates(title):
        if one(db, "SELECT 1 FROM articles WHERE slug = ? AND id != ?", (candidate, article_id)) is None:
            return candidate


# ---------------------------------------------------------------- lists (declared before /{slug}: the first match wins)

def article_list(db, request, conditions, params, seen_by):
    """One page of the articles matching every condition (fixed SQL of ours, values in
    params), newest first, and how many match in all."""
    limit, offset = page(request.query_params)
    where = " AND ".join(conditions) or "1 = 1"
    count = one(db, f"SELECT COUNT(*) FROM articles a WHERE {where}", params)[0]
    rows = db.execute(f"SELECT * FROM articles a WHERE {where} ORDER BY a.id DESC LIMIT ? OFFSET ?",
                      (*params, limit, offset)).fetchall()
    return {"articles": [article_json(db, row, seen_by, with_body=False) for row in rows], "articlesCount": count}


FILTERS = {
    "tag": "EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = a.id AND t.tag = ?)",
    "author": "a.author_id = (SELECT id FROM users WHERE username = ?)",
    "favorited": "EXISTS (SELECT 1 FROM favorites f JOIN users u ON u.id = f.user_id WHERE f.article_id = a.id AND u.username = ?)",
}


@router.get("/api/articles")
async def list_articles(request: Request, me=Depends(optional_user), db: sqlite3.Connection = Depends(get_db)):
    conditions, params = [], []
    for name, condition in FILTERS.items():
        value = request.query_params.get(name)
        if value:
            conditions.append(condition)
            params.append(value)
    return article_list(db, request, conditions, params, viewer_id(me))


@router.get("/api/articles/feed")
async def feed(request: Request, me=Depends(current_user), db: sqlite3.Connection = Depends(get_db)):
    return article_list(db, request, ["a.author_id IN (SELECT followed_id FROM follows WHERE follower_id = ?)"], [me["id"]], me["id"])


@router.get("/api/tags")
async def tags(db: sqlite3.Connection = Depends(get_db)):
    return {"tags": [row["tag"] for row in db.execute("SELECT DISTINCT tag FROM article_tags")]}


# ---------------------------------------------------------------- create, read, update, delete

@router.post("/api/articles", status_code=201)
async def create_article(request: Request, me=Depends(current_user), db: sqlite3.Connection = Depends(get_db)):
    data = await body(request, "article")
    tags, tags_problem = tag_list(data.get("tagList", []))
    check({"title": required_text(data.get("title")), "description": required_text(data.get("description")),
           "body": required_text(data.get("body")), "tagList": tags_problem})
    now = now_text()
    for _attempt in range(10):
        try:
            cursor = db.execute(
                "INSERT INTO articles (slug, title, description, body, author_id, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (free_slug(db, data["title"]), data["title"], data["description"], data["body"], me["id"], now, now))
            break
        except sqlite3.IntegrityError:
            continue  # another request took the slug in the meantime: take the next one
    else:
        raise ApiError(409, {"slug": ["has already been taken"]})
    database.set_tags(db, cursor.lastrowid, tags)
    db.commit()
    return reply(db, cursor.lastrowid, me["id"])


@router.get("/api/articles/{slug}")
async def get_article(slug: str, me=Depends(optional_user), db: sqlite3.Connection = Depends(get_db)):
    return reply(db, existing_article(db, slug)["id"], viewer_id(me))


@router.put("/api/articles/{slug}")
async def update_article(slug: str, request: Request, me=Depends(current_user), db: sqlite3.Connection = Depends(get_db)):
    article = own_article(db, slug, me)
    data = await body(request, "article")
    problems = {field: required_text(data[field]) for field in ("title", "description", "body") if field in data}
    tags = None
    if "tagList" in data:
        tags, problems["tagList"] = tag_list(data["tagList"])
    check(problems)
    merged = {field: data.get(field, article[field]) for field in ("title", "description", "body")}
    new_slug = article["slug"] if merged["title"] == article["title"] else free_slug(db, merged["title"], article["id"])
    db.execute("UPDATE articles SET slug = ?, title = ?, description = ?, body = ?, updated_at = ? WHERE id = ?",
               (new_slug, merged["title"], merged["description"], merged["body"],
                now_text(after=article["updated_at"]), article["id"]))
    if tags is not None:
        database.set_tags(db, article["id"], tags)
    db.commit()
    return reply(db, article["id"], me["id"])


@router.delete("/api/articles/{slug}", status_code=204)
async def delete_article(slug: str, me=Depends(current_user), db: sqlite3.Connection = Depends(get_db)):
    article = own_article(db, slug, me)
    # Tags, favorites and comments go with it (ON DELETE CASCADE).
    db.execute("DELETE FROM articles WHERE id = ?", (article["id"],))
    db.commit()
    return Response(status_code=204)


# ---------------------------------------------------------------- favorites

@router.post("/api/articles/{slug}/favorite")
async def favorite(slug: str, me=Depends(current_user), db: sqlite3.Connection = Depends(get_db)):
    article = existing_article(db, slug)
    db.execute("INSERT OR IGNORE INTO favorites (user_id, article_id) VALUES (?, ?)", (me["id"], article["id"]))
    db.commit()
    return reply(db, article["id"], me["id"])


@router.delete("/api/articles/{slug}/favorite")
async def unfavorite(slug: str, me=Depends(current_user), db: sqlite3.Connection = Depends(get_db)):
    article = existing_article(db, slug)
    db.execute("DELETE FROM favorites WHERE user_id = ? AND article_id = ?", (me["id"], article["id"]))
    db.commit()
    return reply(db, article["id"], me["id"])


# ---------------------------------------------------------------- comments

def comment_json(db, comment, seen_by):
    return {"id": comment["id"], "createdAt": comment["created_at"], "updatedAt": comment["updated_at"],
            "body": comment["body"], "author": profile_json(db, database.user_by_id(db, comment["author_id"]), seen_by)}


@router.post("/api/articles/{slug}/comments", status_code=201)
async def add_comment(slug: str, request: Request, me=Depends(current_user), db: sqlite3.Connection = Depends(get_db)):
    article = existing_article(db, slug)
    data = await body(request, "comment")
    check({"body": required_text(data.get("body"))})
    now = now_text()
    cursor = db.execute("INSERT INTO comments (article_id, author_id, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                        (article["id"], me["id"], data["body"], now, now))
    db.commit()
    return {"comment": comment_json(db, one(db, "SELECT * FROM comments WHERE id = ?", (cursor.lastrowid,)), me["id"])}


@router.get("/api/articles/{slug}/comments")
async def list_comments(slug: str, me=Depends(optional_user), db: sqlite3.Connection = Depends(get_db)):
    article = existing_article(db, slug)
    rows = db.execute("SELECT * FROM comments WHERE article_id = ? ORDER BY id", (article["id"],)).fetchall()
    return {"comments": [comment_json(db, row, viewer_id(me)) for row in rows]}


@router.delete("/api/articles/{slug}/comments/{comment_id}", status_code=204)
async def delete_comment(slug: str, comment_id: str, me=Depends(current_user), db: sqlite3.Connection = Depends(get_db)):
    # comment_id is a str, not an int: FastAPI would answer "abc" with a 422 of its own shape.
    article = existing_article(db, slug)
    comment = None
    if comment_id.isascii() and comment_id.isdigit() and len(comment_id) <= 18:
        comment = one(db, "SELECT * FROM comments WHERE id = ? AND article_id = ?", (int(comment_id), article["id"]))
    if comment is None:
        raise fail(404, "comment", "not found")
    if comment["author_id"] != me["id"]:
        raise fail(403, "comment", "forbidden")
    db.execute("DELETE FROM comments WHERE id = ?", (comment["id"],))
    db.commit()
    return Response(status_code=204)
