/** Stage 12: many members ask for the last copy at once: exactly one gets it. */
import type { StageContext } from "../../../../../src/grading/project/stage-api.js";
import { createBook, createMember } from "./support.js";

const ROUNDS = 6;
const AT_ONCE = 8;

export default async function stage(t: StageContext): Promise<void> {
  const members: number[] = [];
  await t.check(`${AT_ONCE} members borrow the last copy at the same moment, ${ROUNDS} times: each time one 201, the others 409, and the copies never below 0`, async () => {
    for (let i = 0; i < AT_ONCE; i++) members.push(await createMember(t, t.unique(`Rush${i}`)));
    for (let round = 0; round < ROUNDS; round++) {
      const book = await createBook(t, { title: t.unique(`Last copy ${round}`), copies: 1 });
      const answers = await Promise.all(members.map((member) => t.newClient().request({ method: "POST", path: "/loans", json: { member_id: member, book_ids: [book.id] } })));
      const statuses = answers.map((a) => a.status);
      const [row] = await t.query("SELECT copies, (SELECT count(*) FROM loans WHERE book_id = books.id) AS n FROM books WHERE id = ?", [book.id]);
      const won = statuses.filter((s) => s === 201).length;
      const lost = statuses.filter((s) => s === 409).length;
      if (won !== 1 || lost !== AT_ONCE - 1 || row?.n !== 1 || row.copies !== 0) {
        t.fail(
          `Round ${round + 1}: ${AT_ONCE} POST /loans at once for book ${book.id}, which has one copy, answered ${statuses.join(", ")}; the database now holds ${String(row?.n)} loan(s) of it and ${String(row?.copies)} copies. ` +
            "Reading the copies, then writing copies - 1, lets two requests both see the last copy. Take the copy in one statement " +
            "(UPDATE books SET copies = copies - 1 WHERE id = ... AND copies > 0, then look at how many rows it changed) or lock the row first (SELECT ... FOR UPDATE).",
          { expected: `one 201, ${AT_ONCE - 1} x 409, one loan, 0 copies` },
        );
      }
    }
  });
}
