/** Stage 3: authors and books: create, read, update, delete, and 404 for what does not exist. */
import type { StageContext } from "../../../../../src/grading/project/stage-api.js";
import { createAuthor, expectError, expectJson, expectStatus, newIsbn } from "./support.js";

export default async function stage(t: StageContext): Promise<void> {
  const name = t.unique("Ursula");
  let authorId = 0;
  await t.check("POST /authors creates an author: 201 and the author with its id", async () => {
    authorId = await createAuthor(t, name);
    const req = { method: "GET", path: `/authors/${authorId}` };
    const body = await expectJson(t, req, 200);
    if (body.id !== authorId || body.name !== name) t.fail("GET /authors/{id} does not give back the author just made.", { request: req, expected: JSON.stringify({ id: authorId, name }) });
  });

  const title = t.unique("The Dispossessed");
  const isbn = newIsbn();
  let bookId = 0;
  await t.check("POST /books creates a book: 201, with its id, title, isbn, copies and an empty list of authors", async () => {
    const req = { method: "POST", path: "/books", json: { title, isbn, copies: 3 } };
    const body = await expectJson(t, req, 201);
    if (typeof body.id !== "number" || body.title !== title || body.isbn !== isbn || body.copies !== 3 || !Array.isArray(body.authors) || body.authors.length !== 0) {
      t.fail("POST /books did not answer with the new book.", { request: req, expected: JSON.stringify({ id: "<number>", title, isbn, copies: 3, authors: [] }) });
    }
    bookId = body.id as number;
    const rows = await t.query("SELECT title, isbn, copies FROM books WHERE id = ?", [bookId]);
    if (rows.length !== 1 || rows[0]?.title !== title || rows[0].copies !== 3) t.fail(`The table books has no row with id ${bookId} holding the new book.`, { expected: `a row (${bookId}, ${title}, ${isbn}, 3)` });
  });

  await t.check("GET /books/{id} gives the book back", async () => {
    const req = { method: "GET", path: `/books/${bookId}` };
    const body = await expectJson(t, req, 200);
    if (body.id !== bookId || body.title !== title || body.isbn !== isbn || body.copies !== 3) t.fail("GET /books/{id} does not give back the book just made.", { request: req, expected: JSON.stringify({ id: bookId, title, isbn, copies: 3, authors: [] }) });
  });

  await t.check("PATCH /books/{id} changes only the fields it is given", async () => {
    const req = { method: "PATCH", path: `/books/${bookId}`, json: { copies: 5 } };
    const body = await expectJson(t, req, 200);
    if (body.copies !== 5 || body.title !== title || body.isbn !== isbn) t.fail("After PATCH {\"copies\": 5}, the book should keep its title and isbn and have 5 copies.", { request: req, expected: JSON.stringify({ id: bookId, title, isbn, copies: 5, authors: [] }) });
    const again = await expectJson(t, { method: "GET", path: `/books/${bookId}` }, 200);
    if (again.copies !== 5 || again.title !== title) t.fail("GET /books/{id} after the PATCH does not show the change: was it saved (committed)?", { expected: JSON.stringify({ id: bookId, title, isbn, copies: 5, authors: [] }) });
  });

  await t.check("GET, PATCH and DELETE of a book or author that does not exist answer 404 with an error", async () => {
    await expectError(t, { method: "GET", path: "/books/987654321" }, 404);
    await expectError(t, { method: "PATCH", path: "/books/987654321", json: { copies: 1 } }, 404);
    await expectError(t, { method: "DELETE", path: "/books/987654321" }, 404);
    await expectError(t, { method: "GET", path: "/authors/987654321" }, 404);
  });

  await t.check("DELETE /books/{id} answers 204 with no body, and the book is gone", async () => {
    const req = { method: "DELETE", path: `/books/${bookId}` };
    const res = await expectStatus(t, req, 204);
    if (res.body.length !== 0) t.fail("204 No Content has no body.", { request: req, response: res, expected: "an empty body" });
    await expectError(t, { method: "GET", path: `/books/${bookId}` }, 404);
    const rows = await t.query("SELECT id FROM books WHERE id = ?", [bookId]);
    if (rows.length !== 0) t.fail(`The row of book ${bookId} is still in the table books.`, { expected: "no row" });
  });

  await t.check("DELETE /authors/{id} of an author with no books answers 204", async () => {
    const id = await createAuthor(t, t.unique("Nobody"));
    await expectStatus(t, { method: "DELETE", path: `/authors/${id}` }, 204);
    await expectError(t, { method: "GET", path: `/authors/${id}` }, 404);
  });
}
