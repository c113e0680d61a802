from django.db import models


class User(models.Model):
    username = models.TextField(unique=True)
    # Stored in lower case: emails are not case-sensitive.
    email = models.TextField(unique=True)
    password_hash = models.TextField()
    bio = models.TextField(null=True)
    image = models.TextField(null=True)


class Follow(models.Model):
    follower = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    followed = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["follower", "followed"], name="follow_once")]


class Article(models.Model):
    slug = models.TextField(unique=True)
    title = models.TextField()
    description = models.TextField()
    body = models.TextField()
    author = models.ForeignKey(User, on_delete=models.CASCADE, related_name="articles")
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()


class ArticleTag(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="tags")
    tag = models.TextField()
    position = models.IntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "tag"], name="tag_once")]
        indexes = [models.Index(fields=["tag"])]


class Favorite(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="favorites")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "article"], name="favorite_once")]


class Comment(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    body = models.TextField()
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
