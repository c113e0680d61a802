"""Articles, favorites, comments, the feed and tags."""
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Count, Prefetch
from django.http import HttpResponse, JsonResponse
from django.utils import timezone

from .api import body, profile_json, viewer
from .models import Article, ArticleTag, Comment, Favorite, Follow
from .rules import ApiError, check, fail, format_time, page, required_text, slug_candidates, tag_list


def ms(moment):
    """A time to the millisecond, as the API shows it."""
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def later_than(previous):
    """Now, strictly later than `previous` as shown (a clock may not have moved)."""
    now = ms(timezone.now())
    return now if now > ms(previous) else ms(previous) + timedelta(milliseconds=1)


class Seen:
    """What one reader sees of some articles, fetched in a few queries rather than a few per
    article: their favorites, and the authors they follow."""

    def __init__(self, seen_by, articles):
        self.seen_by = seen_by
        ids = [a.id for a in articles]
        self.favorited, self.following = set(), set()
        if seen_by is not None:
            self.favorited = set(Favorite.objects.filter(user=seen_by, article_id__in=ids).values_list("article_id", flat=True))
            authors = {a.author_id for a in articles}
            self.following = set(Follow.objects.filter(follower=seen_by, followed_id__in=authors).values_list("followed_id", flat=True))


def with_details(articles):
    """Articles with their author, tags (in order) and favorites count, in three queries."""
    return (articles.select_related("author")
            .prefetch_related(Prefetch("tags", queryset=ArticleTag.objects.order_by("position")))
            .annotate(favorites_count=Count("favorites")))


def article_json(article, seen, with_body=True):
    """`article` comes from with_details()."""
    author = article.author
    out = {
        "slug": article.slug,
        "title": article.title,
        "description": article.description,
        "tagList": [t.tag for t in article.tags.all()],
        "createdAt": format_time(article.created_at),
        "updatedAt": format_time(article.updated_at),
        "favorited": article.id in seen.favorited,
        "favoritesCount": article.favorites_count,
        "author": {"username": author.username, "bio": author.bio, "image": author.image,
                   "following": author.id in seen.following},
    }
    if with_body:
        out["body"] = article.body
    return out


def reply(article, seen_by, status=200):
    article = with_details(Article.objects.filter(id=article.id)).get()
    return JsonResponse({"article": article_json(article, Seen(seen_by, [article]))}, status=status)


def existing_article(slug):
    article = Article.objects.select_related("author").filter(slug=slug).first()
    if article is None:
        raise fail(404, "article", "not found")
    return article


def own_article(slug, user):
    """401 is the caller's business (already checked), then 404, then 403."""
    article = existing_article(slug)
    if article.author_id != user.id:
        raise fail(403, "article", "forbidden")
    return article


def free_slug(title, article_id=0):
    for candidate in slug_candidates(title):
        if not Article.objects.filter(slug=candidate).exclude(id=article_id).exists():
            return candidate


def set_tags(article, tags):
    article.tags.all().delete()
    ArticleTag.objects.bulk_create(ArticleTag(article=article, tag=tag, position=i) for i, tag in enumerate(tags))


# ---------------------------------------------------------------- create, read, update, delete

def create(request):
    me = viewer(request, required=True)
    data = body(request, "article")
    tags, tags_problem = tag_list(data.get("tagList", []))
    check({"title": required_text(data.get("title")), "description": required_text(data.get("description")),
           "body": required_text(data.get("body")), "tagList": tags_problem})
    now = ms(timezone.now())
    for _attempt in range(10):
        # The slug is read before the transaction: on SQLite a transaction that reads first
        # and writes later fails at once ("database is locked") when another request writes.
        slug = free_slug(data["title"])
        try:
            with transaction.atomic():
                article = Article.objects.create(slug=slug, title=data["title"],
                                                 description=data["description"], body=data["body"],
                                                 author=me, created_at=now, updated_at=now)
                set_tags(article, tags)
            break
        except IntegrityError:
            continue  # another request took the slug in the meantime: take the next one
    else:
        raise ApiError(409, {"slug": ["has already been taken"]})
    return reply(article, me, status=201)


def read(request, slug):
    me = viewer(request, required=False)
    return reply(existing_article(slug), me)


def update(request, slug):
    me = viewer(request, required=True)
    article = own_article(slug, me)
    data = body(request, "article")
    problems = {field: required_text(data[field]) for field in ("title", "description", "body") if field in data}
    tags = None
    if "tagList" in data:
        tags, problems["tagList"] = tag_list(data["tagList"])
    check(problems)
    if "title" in data and data["title"] != article.title:
        article.slug = free_slug(data["title"], article.id)
    for field in ("title", "description", "body"):
        if field in data:
            setattr(article, field, data[field])
    article.updated_at = later_than(article.updated_at)
    with transaction.atomic():
        article.save()
        if tags is not None:
            set_tags(article, tags)
    return reply(article, me)


def delete(request, slug):
    me = viewer(request, required=True)
    # Tags, favorites and comments go with it (on_delete=CASCADE).
    own_article(slug, me).delete()
    return HttpResponse(status=204)


# ---------------------------------------------------------------- favorites

def favorite(request, slug):
    me = viewer(request, required=True)
    article = existing_article(slug)
    Favorite.objects.get_or_create(user=me, article=article)
    return reply(article, me)


def unfavorite(request, slug):
    me = viewer(request, required=True)
    article = existing_article(slug)
    Favorite.objects.filter(user=me, article=article).delete()
    return reply(article, me)


# ---------------------------------------------------------------- lists

def article_list(request, articles, seen_by):
    """One page of `articles`, newest first, and how many there are in all."""
    limit, offset = page(request.GET)
    count = articles.count()
    rows = list(with_details(articles).order_by("-id")[offset:offset + limit])
    seen = Seen(seen_by, rows)
    return JsonResponse({"articles": [article_json(a, seen, with_body=False) for a in rows], "articlesCount": count})


def list_articles(request):
    me = viewer(request, required=False)
    articles = Article.objects.all()
    if request.GET.get("tag"):
        articles = articles.filter(id__in=ArticleTag.objects.filter(tag=request.GET["tag"]).values("article_id"))
    if request.GET.get("author"):
        articles = articles.filter(author__username=request.GET["author"])
    if request.GET.get("favorited"):
        articles = articles.filter(id__in=Favorite.objects.filter(user__username=request.GET["favorited"]).values("article_id"))
    return article_list(request, articles, me)


def feed(request):
    me = viewer(request, required=True)
    followed = Follow.objects.filter(follower=me).values("followed_id")
    return article_list(request, Article.objects.filter(author_id__in=followed), me)


def tags(request):
    return JsonResponse({"tags": list(ArticleTag.objects.values_list("tag", flat=True).distinct())})


# ---------------------------------------------------------------- comments

def comment_json(comment, seen_by):
    return {"id": comment.id, "createdAt": format_time(comment.created_at), "updatedAt": format_time(comment.updated_at),
            "body": comment.body, "author": profile_json(comment.author, seen_by)}


def add_comment(request, slug):
    me = viewer(request, required=True)
    article = existing_article(slug)
    data = body(request, "comment")
    check({"body": required_text(data.get("body"))})
    now = ms(timezone.now())
    comment = Comment.objects.create(article=article, author=me, body=data["body"], created_at=now, updated_at=now)
    return JsonResponse({"comment": comment_json(comment, me)}, status=201)


def comments(request, slug):
    me = viewer(request, required=False)
    article = existing_article(slug)
    return JsonResponse({"comments": [comment_json(c, me) for c in article.comments.select_related("author").order_by("id")]})


def delete_comment(request, slug, comment_id):
    me = viewer(request, required=True)
    article = existing_article(slug)
    # The id is text from the URL: only digits, and few enough for the database's integers.
    comment = None
    if comment_id.isascii() and comment_id.isdigit() and len(comment_id) <= 18:
        comment = article.comments.filter(id=int(comment_id)).first()
    if comment is None:
        raise fail(404, "comment", "not found")
    if comment.author_id != me.id:
        raise fail(403, "comment", "forbidden")
    comment.delete()
    return HttpResponse(status=204)
