/** Stage 9: GET /books lists the newest books with their authors in a fixed number of statements (no N+1). */
import type { StageContext } from "../../../../../src/grading/project/stage-api.js";
import { createAuthor, createBook, expectError, expectJson, isObject, listOf, withinBudget } from "./support.js";

export default async function stage(t: StageContext): Promise<void> {
  const made: Array<{ id: number; authors: number[] }> = [];
  await t.check("GET /books lists the newest books first, each with its authors", async () => {
    const authors: number[] = [];
    for (let i = 0; i < 10; i++) authors.push(await createAuthor(t, t.unique(`Writer ${String.fromCharCode(65 + i)}`)));
    for (let i = 0; i < 50; i++) {
      const pair = [authors[i % 10] as number, authors[(i + 3) % 10] as number];
      const book = await createBook(t, { title: t.unique(`Shelf ${i}`), authorIds: pair });
      made.push({ id: book.id, authors: pair });
    }
    const req = { method: "GET", path: "/books?limit=5" };
    const books = listOf(t, await expectJson(t, req, 200), "books", req);
    const want = made.slice(-5).reverse().map((b) => b.id);
    if (books.map((b) => b.id).join(",") !== want.join(",")) t.fail("GET /books?limit=5 should give the five newest books, newest (highest id) first.", { request: req, expected: `books ${want.join(", ")}` });
  });

  await t.check("GET /books?limit=50 runs at most 3 SQL statements, however many books and authors it lists", async () => {
    const req = { method: "GET", path: "/books?limit=50" };
    const books = listOf(t, await withinBudget(t, req, 200, 3), "books", req);
    if (books.length !== 50) t.fail(`GET /books?limit=50 listed ${books.length} books; expected 50.`, { request: req, expected: "50 books" });
    for (const book of books) {
      const mine = made.find((m) => m.id === book.id);
      const ids = Array.isArray(book.authors) ? book.authors.map((a) => (isObject(a) ? a.id : undefined)) : [];
      if (mine === undefined || ids.length !== 2 || !mine.authors.every((a) => ids.includes(a))) {
        t.fail(`Book ${String(book.id)} is listed without its two authors.`, { request: req, expected: '"authors": [{"id": ..., "name": "..."}, {...}]' });
      }
    }
  });

  await t.check("GET /books without a limit lists 20; a limit that is not 1 to 100 answers 400", async () => {
    const req = { method: "GET", path: "/books" };
    const books = listOf(t, await expectJson(t, req, 200), "books", req);
    if (books.length !== 20) t.fail(`GET /books listed ${books.length} books; without a limit it lists 20.`, { request: req, expected: "20 books" });
    for (const limit of ["0", "101", "ten", "-5", "2.5"]) await expectError(t, { method: "GET", path: `/books?limit=${limit}` }, 400);
  });
}
