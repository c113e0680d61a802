/**
 * Stage 9: pages of ten entries, newest first, with rel="next"/rel="prev" links.
 * TypeScript, not Hurl, for one check Hurl cannot say: the entries earlier stages left are
 * counted by walking the pages, and topped up to a multiple of ten, so that the last page
 * is exactly full (where `count // 10 + 1` pages would invent an empty one).
 */
import type { HtmlPage, StageContext, StageResponse } from "../../../../../src/grading/project/stage-api.js";

const PER_PAGE = 10;
/** More pages than any run of this project makes: a `next` link that never ends stops here. */
const MAX_PAGES = 30;

interface Page {
  res: StageResponse;
  page: HtmlPage;
}

async function getPage(t: StageContext, path: string): Promise<Page> {
  const res = await t.request({ method: "GET", path });
  if (res.status !== 200) t.fail(`GET ${path} answered ${res.status}; a page that exists answers 200.`, { expected: "status 200" });
  return { res, page: await t.html(res.text) };
}

function messages(page: HtmlPage): string[] {
  const found = page.xpath("//ul[@id='entries']/li//*[@class='message']");
  return Array.isArray(found) ? found.map((text) => text.replace(/\s+/g, " ").trim()) : [];
}

function link(page: HtmlPage, rel: "next" | "prev"): string | undefined {
  return page.count(`//a[@rel='${rel}']`) === 0 ? undefined : String(page.xpath(`string(//a[@rel='${rel}']/@href)`));
}

async function sign(t: StageContext, csrf: string, message: string): Promise<void> {
  const res = await t.request({ method: "POST", path: "/entries", form: { csrf_token: csrf, name: "Pager", message } });
  if (res.status !== 303) t.fail(`Signing with the message "${message}" answered ${res.status}; it answered 303 in stage 2.`, { expected: "status 303" });
}

export default async function stage(t: StageContext): Promise<void> {
  const run = t.unique("p");
  const texts = Array.from({ length: 11 }, (_, i) => `Entry number ${String(i + 1).padStart(2, "0")} of stage nine ${run}`);
  let csrf = "";

  await t.check("eleven entries are signed", async () => {
    const { page } = await getPage(t, "/");
    csrf = String(page.xpath("string(//form//input[@name='csrf_token']/@value)"));
    for (const text of texts) await sign(t, csrf, text);
  });

  await t.check("page 1 shows the ten newest, newest first, with a next link to /?page=2 and no prev link", async () => {
    const { page } = await getPage(t, "/");
    const shown = messages(page);
    const expected = texts.slice(1).reverse();
    if (shown.length !== PER_PAGE || shown.join("\n") !== expected.join("\n")) {
      t.fail(`Page 1 lists ${shown.length} entries; after eleven were signed it lists the ten newest, from the 11th down to the 2nd.\nIt shows:\n${shown.join("\n")}`, { expected: expected.join("\n") });
    }
    if (link(page, "next") !== "/?page=2") t.fail(`Page 1's <a rel="next"> has href ${JSON.stringify(link(page, "next") ?? null)}.`, { expected: 'href="/?page=2"' });
    if (link(page, "prev") !== undefined) t.fail("Page 1 has an <a rel=\"prev\"> link, but there is no newer page than the first.", { expected: 'no <a rel="prev">' });
  });

  await t.check("page 2 starts where page 1 ended and links back to /?page=1", async () => {
    const { page } = await getPage(t, "/?page=2");
    const shown = messages(page);
    if (shown[0] !== texts[0]) t.fail(`Page 2 starts with ${JSON.stringify(shown[0] ?? null)}; it starts with the entry after the last one of page 1.`, { expected: texts[0] });
    if (shown.length > PER_PAGE) t.fail(`Page 2 lists ${shown.length} entries; a page holds at most ${PER_PAGE}.`);
    if (link(page, "prev") !== "/?page=1") t.fail(`Page 2's <a rel="prev"> has href ${JSON.stringify(link(page, "prev") ?? null)}.`, { expected: 'href="/?page=1"' });
  });

  for (const [query, why] of [
    ["999", "a page past the last one"],
    ["0", "page 0, since pages start at 1"],
    ["two", "a page that is not a whole number"],
  ] as const) {
    await t.check(`/?page=${query} answers 404: ${why}`, async () => {
      const res = await t.request({ method: "GET", path: `/?page=${query}` });
      if (res.status !== 404) t.fail(`GET /?page=${query} answered ${res.status}; ${why} does not exist.`, { expected: "status 404" });
    });
  }

  await t.check("when the entries fill the last page exactly, that page is the last: no next link, and the page after it is a 404", async () => {
    // Walk the pages to count every entry in the book, earlier stages' included.
    let total = 0;
    let n = 1;
    for (;;) {
      const { page } = await getPage(t, `/?page=${n}`);
      const count = messages(page).length;
      if (count > PER_PAGE) t.fail(`Page ${n} lists ${count} entries; a page holds at most ${PER_PAGE}.`);
      total += count;
      const next = link(page, "next");
      if (next === undefined) break;
      if (next !== `/?page=${n + 1}`) t.fail(`Page ${n}'s <a rel="next"> has href ${JSON.stringify(next)}.`, { expected: `href="/?page=${n + 1}"` });
      if (count < PER_PAGE) t.fail(`Page ${n} lists ${count} entries and still has a next link: only the last page may hold fewer than ${PER_PAGE}.`);
      n += 1;
      if (n > MAX_PAGES) t.fail(`The next links go on past page ${MAX_PAGES}, more pages than the guestbook has entries for.`);
    }
    const missing = (PER_PAGE - (total % PER_PAGE)) % PER_PAGE;
    for (let i = 0; i < missing; i++) await sign(t, csrf, `Filler ${i + 1} of stage nine ${run}`);
    const entries = total + missing;
    const last = entries / PER_PAGE;
    const { page } = await getPage(t, `/?page=${last}`);
    const count = messages(page).length;
    if (count !== PER_PAGE) t.fail(`With ${entries} entries, page ${last} is the last and full: it lists ${count}.`, { expected: `${PER_PAGE} entries` });
    const next = link(page, "next");
    if (next !== undefined) t.fail(`With ${entries} entries there are ${last} pages, but page ${last} has <a rel="next" href="${next}">: the pages are max(1, ceil(count / 10)), not count // 10 + 1.`, { expected: 'no <a rel="next">' });
    const after = await t.request({ method: "GET", path: `/?page=${last + 1}` });
    if (after.status !== 404) t.fail(`With ${entries} entries there are ${last} pages, but GET /?page=${last + 1} answered ${after.status}.`, { expected: "status 404" });
  });
}
