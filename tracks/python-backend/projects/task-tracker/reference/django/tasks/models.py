from django.db import models


class User(models.Model):
    email = models.CharField(max_length=254, unique=True)
    password_hash = models.CharField(max_length=200)
    confirmed = models.BooleanField(default=False)
    confirm_token = models.CharField(max_length=64, unique=True, null=True)

    def as_json(self):
        return {"id": self.id, "email": self.email, "confirmed": self.confirmed}


class Token(models.Model):
    # Only a hash of each token is stored, so a leaked database holds no usable token.
    token_hash = models.CharField(max_length=64, primary_key=True)
    user = models.ForeignKey(User, on_delete=models.CASCADE)


class Task(models.Model):
    owner = models.ForeignKey(User, on_delete=models.CASCADE, null=True)
    title = models.CharField(max_length=200)
    description = models.TextField(default="", blank=True)
    done = models.BooleanField(default=False)

    def as_json(self):
        return {"id": self.id, "title": self.title, "description": self.description, "done": self.done}


class Attachment(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE)
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.IntegerField()

    def as_json(self):
        return {"id": self.id, "task_id": self.task_id, "filename": self.filename,
                "content_type": self.content_type, "size": self.size}


class RequestCount(models.Model):
    """Requests answered, by method, route and status: what GET /metrics reports, shared by every worker."""
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=200)
    status = models.IntegerField()
    count = models.IntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["method", "path", "status"], name="one_count_per_series")]
