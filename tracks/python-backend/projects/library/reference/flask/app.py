"""A lending library's JSON API on PostgreSQL, Flask version (the reference for every stage).

DATABASE_URL names the database; library.py holds the models, the migrations and the rules,
and this file turns requests into calls of it.
"""
from flask import Flask, jsonify, request

import library

library.migrate()
app = Flask(__name__)


def answer(result):
    status, body = result
    if body is None:
        return "", status
    return jsonify(body), status


def body():
    data = request.get_json(silent=True)
    return data if isinstance(data, dict) else None


def with_body(handler, *args):
    data = body()
    if data is None:
        return answer(library.error(400, "the body must be a JSON object"))
    return answer(handler(*args, data))


@app.get("/health")
def health():
    return answer(library.health())


@app.post("/authors")
def create_author():
    return with_body(library.create_author)


@app.get("/authors/<int:author_id>")
def get_author(author_id):
    return answer(library.get_author(author_id))


@app.delete("/authors/<int:author_id>")
def delete_author(author_id):
    return answer(library.delete_author(author_id))


@app.get("/authors/<int:author_id>/books")
def author_books(author_id):
    return answer(library.author_books(author_id))


@app.get("/authors/<int:author_id>/stats")
def author_stats(author_id):
    return answer(library.author_stats(author_id))


@app.post("/books")
def create_book():
    return with_body(library.create_book)


@app.get("/books")
def list_books():
    return answer(library.list_books(request.args.get("limit"), request.args.get("cursor")))


@app.get("/books/search")
def search_books():
    return answer(library.search_books(request.args.get("title")))


@app.get("/books/<int:book_id>")
def get_book(book_id):
    return answer(library.get_book(book_id))


@app.patch("/books/<int:book_id>")
def update_book(book_id):
    return with_body(library.update_book, book_id)


@app.delete("/books/<int:book_id>")
def delete_book(book_id):
    return answer(library.delete_book(book_id))


@app.post("/members")
def create_member():
    return with_body(library.create_member)


@app.get("/members/<int:member_id>")
def get_member(member_id):
    return answer(library.get_member(member_id))


@app.post("/loans")
def create_loans():
    return with_body(library.create_loans)


@app.post("/loans/<int:loan_id>/return")
def return_loan(loan_id):
    return answer(library.return_loan(loan_id))


@app.get("/loans/overdue")
def overdue():
    return answer(library.overdue(request.args.get("on")))


@app.errorhandler(404)
def not_found(_error):
    return jsonify({"error": "no such route"}), 404


@app.errorhandler(405)
def not_allowed(_error):
    return jsonify({"error": "method not allowed"}), 405
