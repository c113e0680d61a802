/** Stage 4: a book has authors (many to many): linked on creation, listed by name, and kept consistent. */
import type { StageContext } from "../../../../../src/grading/project/stage-api.js";
import { createAuthor, createBook, expectError, expectJson, expectStatus, isObject, listOf, newIsbn } from "./support.js";

export default async function stage(t: StageContext): Promise<void> {
  let zed = 0;
  let amy = 0;
  let bookId = 0;
  const title = t.unique("Good Omens");
  await t.check("POST /books with author_ids links the authors: the book lists them sorted by name", async () => {
    zed = await createAuthor(t, t.unique("Zed Pratchett"));
    amy = await createAuthor(t, t.unique("Amy Gaiman"));
    const book = await createBook(t, { title, copies: 2, authorIds: [zed, amy] });
    bookId = book.id;
    const authors = Array.isArray(book.authors) ? book.authors : [];
    const ids = authors.map((a) => (isObject(a) ? a.id : undefined));
    if (ids.length !== 2 || ids[0] !== amy || ids[1] !== zed || !authors.every((a) => isObject(a) && typeof a.name === "string")) {
      t.fail("The new book's authors are not its two authors, sorted by name.", { expected: `"authors": [{"id": ${amy}, "name": "Amy..."}, {"id": ${zed}, "name": "Zed..."}]` });
    }
    const rows = await t.query("SELECT author_id FROM book_authors WHERE book_id = ? ORDER BY author_id", [bookId]);
    if (rows.length !== 2) t.fail(`book_authors holds ${rows.length} rows for book ${bookId}; expected 2.`, { expected: "two rows in book_authors" });
  });

  await t.check("GET /authors/{id}/books lists the author's books, sorted by title", async () => {
    const other = await createBook(t, { title: `A ${t.unique("first")}`, authorIds: [amy] });
    const req = { method: "GET", path: `/authors/${amy}/books` };
    const books = listOf(t, await expectJson(t, req, 200), "books", req);
    const ids = books.map((b) => b.id);
    if (ids.length !== 2 || ids[0] !== other.id || ids[1] !== bookId) t.fail("The author's books are not the two books, sorted by title.", { request: req, expected: `{"books": [{"id": ${other.id}, ...}, {"id": ${bookId}, ...}]}` });
    await expectError(t, { method: "GET", path: "/authors/987654321/books" }, 404);
  });

  await t.check("POST /books with an author that does not exist answers 422, and no book is made", async () => {
    const isbn = newIsbn();
    await expectError(t, { method: "POST", path: "/books", json: { title: t.unique("Orphan"), isbn, copies: 1, author_ids: [amy, 987654321] } }, 422);
    const rows = await t.query("SELECT id FROM books WHERE isbn = ?", [isbn]);
    if (rows.length !== 0) t.fail("The app answered 422, but the book was saved anyway: check the authors before you add the book, in one transaction.", { expected: `no row in books with isbn ${isbn}` });
  });

  await t.check("PATCH /books/{id} with author_ids replaces the book's authors", async () => {
    const req = { method: "PATCH", path: `/books/${bookId}`, json: { author_ids: [zed] } };
    const body = await expectJson(t, req, 200);
    const ids = Array.isArray(body.authors) ? body.authors.map((a) => (isObject(a) ? a.id : undefined)) : [];
    if (ids.length !== 1 || ids[0] !== zed) t.fail("After the PATCH, the book's only author should be the one given.", { request: req, expected: `"authors": [{"id": ${zed}, ...}]` });
  });

  await t.check("DELETE /authors/{id} of an author who still has books answers 409, and the author stays", async () => {
    await expectError(t, { method: "DELETE", path: `/authors/${zed}` }, 409);
    await expectJson(t, { method: "GET", path: `/authors/${zed}` }, 200);
  });

  await t.check("DELETE /books/{id} also removes its rows in book_authors", async () => {
    await expectStatus(t, { method: "DELETE", path: `/books/${bookId}` }, 204);
    const rows = await t.query("SELECT author_id FROM book_authors WHERE book_id = ?", [bookId]);
    if (rows.length !== 0) t.fail(`book_authors still links the deleted book ${bookId} to ${rows.length} author(s).`, { expected: "no rows" });
    await expectStatus(t, { method: "DELETE", path: `/authors/${zed}` }, 204);
  });
}
