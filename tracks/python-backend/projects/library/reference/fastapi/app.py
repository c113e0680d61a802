"""A lending library's JSON API on PostgreSQL, FastAPI version (the reference for every stage).

DATABASE_URL names the database; library.py holds the models, the migrations and the rules.
The routes are plain `def`: FastAPI runs them in its thread pool, so that requests that
arrive together are served together, as a threaded Flask or Django server would.
"""
import json

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

import library

library.migrate()
app = FastAPI(title="Lending library")


def answer(result):
    status, body = result
    if body is None:
        return Response(status_code=status)
    return JSONResponse(body, status_code=status)


async def read_body(request: Request):
    try:
        data = json.loads(await request.body())
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def bad_body():
    return answer(library.error(400, "the body must be a JSON object"))


@app.exception_handler(StarletteHTTPException)
def http_error(_request, exc):
    return JSONResponse({"error": "no such route" if exc.status_code == 404 else str(exc.detail)}, status_code=exc.status_code)


@app.get("/health")
def health():
    return answer(library.health())


@app.post("/authors")
async def create_author(request: Request):
    data = await read_body(request)
    return bad_body() if data is None else answer(library.create_author(data))


@app.get("/authors/{author_id}")
def get_author(author_id: int):
    return answer(library.get_author(author_id))


@app.delete("/authors/{author_id}")
def delete_author(author_id: int):
    return answer(library.delete_author(author_id))


@app.get("/authors/{author_id}/books")
def author_books(author_id: int):
    return answer(library.author_books(author_id))


@app.get("/authors/{author_id}/stats")
def author_stats(author_id: int):
    return answer(library.author_stats(author_id))


@app.post("/books")
async def create_book(request: Request):
    data = await read_body(request)
    return bad_body() if data is None else answer(library.create_book(data))


@app.get("/books")
def list_books(limit: str = None, cursor: str = None):
    return answer(library.list_books(limit, cursor))


@app.get("/books/search")
def search_books(title: str = None):
    return answer(library.search_books(title))


@app.get("/books/{book_id}")
def get_book(book_id: int):
    return answer(library.get_book(book_id))


@app.patch("/books/{book_id}")
async def update_book(book_id: int, request: Request):
    data = await read_body(request)
    return bad_body() if data is None else answer(library.update_book(book_id, data))


@app.delete("/books/{book_id}")
def delete_book(book_id: int):
    return answer(library.delete_book(book_id))


@app.post("/members")
async def create_member(request: Request):
    data = await read_body(request)
    return bad_body() if data is None else answer(library.create_member(data))


@app.get("/members/{member_id}")
def get_member(member_id: int):
    return answer(library.get_member(member_id))


@app.post("/loans")
async def create_loans(request: Request):
    data = await read_body(request)
    if data is None:
        return bad_body()
    # The work is blocking database calls: off the event loop, so loans run side by side.
    return answer(await run_in_threadpool(library.create_loans, data))


@app.post("/loans/{loan_id}/return")
def return_loan(loan_id: int):
    return answer(library.return_loan(loan_id))


@app.get("/loans/overdue")
def overdue(on: str = None):
    return answer(library.overdue(on))
