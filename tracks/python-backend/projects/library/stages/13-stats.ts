/** Stage 13: a report with aggregates, computed by the database in a fixed number of statements. */
import type { StageContext } from "../../../../../src/grading/project/stage-api.js";
import { createAuthor, createBook, createMember, expectError, expectJson, isObject, withinBudget } from "./support.js";

export default async function stage(t: StageContext): Promise<void> {
  let author = 0;
  const expected = { books: 3, copies_available: 0, loans_total: 0, loans_open: 0 };
  await t.check("GET /authors/{id}/stats of a new author with books never lent: the books and copies, 0 loans", async () => {
    author = await createAuthor(t, t.unique("Tally"));
    const coauthor = await createAuthor(t, t.unique("Co"));
    await createBook(t, { title: t.unique("One"), copies: 4, authorIds: [author, coauthor] });
    await createBook(t, { title: t.unique("Two"), copies: 2, authorIds: [author] });
    await createBook(t, { title: t.unique("Three"), copies: 1, authorIds: [author] });
    expected.copies_available = 7;
    const req = { method: "GET", path: `/authors/${author}/stats` };
    const body = await expectJson(t, req, 200);
    if (body.author_id !== author || body.books !== 3 || body.copies_available !== 7 || body.loans_total !== 0 || body.loans_open !== 0) {
      t.fail("The stats of an author whose books were never lent are wrong.", { request: req, expected: JSON.stringify({ author_id: author, ...expected }) });
    }
  });

  await t.check("after loans and a return: loans counted once each, copies not multiplied by the loans", async () => {
    const req0 = { method: "GET", path: `/authors/${author}/books` };
    const list = await expectJson(t, req0, 200);
    const books = Array.isArray(list.books) ? list.books.filter(isObject) : [];
    const one = books.find((b) => b.copies === 4);
    const two = books.find((b) => b.copies === 2);
    if (one === undefined || two === undefined) t.fail("GET /authors/{id}/books no longer lists the author's books with their copies.", { request: req0 });
    const readers = [await createMember(t, t.unique("A")), await createMember(t, t.unique("B")), await createMember(t, t.unique("C"))];
    const loanIds: number[] = [];
    for (const [reader, ids] of [[readers[0], [one.id, two.id]], [readers[1], [one.id]], [readers[2], [one.id]]] as const) {
      const lent = await expectJson(t, { method: "POST", path: "/loans", json: { member_id: reader, book_ids: ids } }, 201);
      for (const loan of Array.isArray(lent.loans) ? lent.loans : []) if (isObject(loan) && typeof loan.id === "number") loanIds.push(loan.id);
    }
    await expectJson(t, { method: "POST", path: `/loans/${String(loanIds[0])}/return` }, 200);
    // one: 4 - 3 + 1 = 2 left; two: 2 - 1 = 1; three: 1.  4 loans, 3 open.
    const want = { author_id: author, books: 3, copies_available: 4, loans_total: 4, loans_open: 3 };
    const req = { method: "GET", path: `/authors/${author}/stats` };
    const body = await withinBudget(t, req, 200, 3);
    const wrong = Object.entries(want).filter(([k, v]) => body[k] !== v);
    if (wrong.length > 0) {
      t.fail(
        `Wrong: ${wrong.map(([k]) => `${k} is ${JSON.stringify(body[k])}`).join(", ")}. ` +
          "Joining books to loans repeats each book once per loan, so a SUM of copies over that join counts a book's copies several times: take each aggregate over the rows it is about.",
        { request: req, expected: JSON.stringify(want) },
      );
    }
  });

  await t.check("GET /authors/{id}/stats of an author who does not exist answers 404", async () => {
    await expectError(t, { method: "GET", path: "/authors/987654321/stats" }, 404);
  });
}
