/**
 * Stage 10: GET /api/articles with tag, author and favorited filters, limit and offset.
 * Newest first; articlesCount counts every match; no body in the list; limit capped at
 * 100; filter values are data.
 */
import type { StageContext, StageRequest } from "../../../../../src/grading/project/stage-api.js";
import { expectError, expectJson, expectStatus, expectWrapped, isObject, signUp, tokenHeader, type Json, type SignedUp } from "./support.js";

const ARTICLE_KEYS = ["slug", "title", "description", "tagList", "createdAt", "updatedAt", "favorited", "favoritesCount", "author"];

interface Listed {
  articles: Json[];
  count: number;
}

export default async function stage(t: StageContext): Promise<void> {
  const people: Record<string, SignedUp> = {};
  const slugs: Record<string, string> = {};
  const red = t.unique("red");
  const blue = t.unique("blue");

  /** GET /api/articles?query as `viewer`; fails unless it is {"articles": [...], "articlesCount": n}. */
  const list = async (query: string, viewer?: SignedUp): Promise<Listed> => {
    const req: StageRequest = { method: "GET", path: `/api/articles${query}`, ...(viewer ? { headers: viewer.headers } : {}) };
    const body = await expectJson(t, req, 200);
    const articles = body.articles;
    if (!Array.isArray(articles) || !articles.every(isObject) || !Number.isInteger(body.articlesCount)) {
      t.fail(`GET /api/articles${query} must answer {"articles": [...], "articlesCount": <integer>}.`, { request: req, expected: '{"articles": [{...}, ...], "articlesCount": 3}' });
    }
    return { articles, count: body.articlesCount as number };
  };
  /** The list holds exactly these articles (names of `slugs`), in this order, and counts `count`. */
  const expectList = async (query: string, names: string[], count: number, viewer?: SignedUp): Promise<Listed> => {
    const got = await list(query, viewer);
    const want = names.map((name) => slugs[name]);
    const gotSlugs = got.articles.map((article) => article.slug);
    if (JSON.stringify(gotSlugs) !== JSON.stringify(want) || got.count !== count) {
      t.fail(`GET /api/articles${query} gave ${JSON.stringify(gotSlugs)} with articlesCount ${got.count}.`, {
        expected: `the articles ${JSON.stringify(want)} (newest first) and "articlesCount": ${count}`,
      });
    }
    return got;
  };
  const need = (name: string): SignedUp => {
    const who = people[name];
    if (!who) t.fail("skipped: the articles could not be written (see the first check).");
    return who;
  };
  const write = async (name: string, author: SignedUp, tagList: string[]): Promise<void> => {
    const article = await expectWrapped(t, { method: "POST", path: "/api/articles", headers: author.headers, json: { article: { title: `${name} ${red}`, description: `about ${name}`, body: `The body of ${name}`, tagList } } }, 201, "article");
    slugs[name] = String(article.slug);
  };

  await t.check("Ada and Bob write articles with tags; Cleo favorites some and follows Bob", async () => {
    people.ada = await signUp(t, "ada");
    people.bob = await signUp(t, "bob");
    people.cleo = await signUp(t, "cleo");
    const { ada, bob, cleo } = people;
    await write("a1", ada, [red]);
    await write("b1", bob, [red, blue]);
    await write("a2", ada, [blue, red]);
    await write("b2", bob, []);
    await write("a3", ada, [blue]);
    for (const [who, name] of [[cleo, "a1"], [cleo, "b1"], [bob, "a2"]] as const) {
      await expectWrapped(t, { method: "POST", path: `/api/articles/${slugs[name] ?? ""}/favorite`, headers: who.headers }, 200, "article");
    }
    await expectStatus(t, { method: "POST", path: `/api/profiles/${encodeURIComponent(bob.username)}/follow`, headers: cleo.headers }, 200);
  });

  await t.check("GET /api/articles answers a list, newest first, each article without body and with every other field", async () => {
    const { articles, count } = await list("");
    if (articles[0]?.slug !== slugs.a3) t.fail(`The newest article (${slugs.a3 ?? ""}) must come first; the list starts with ${String(articles[0]?.slug)}.`);
    if (count < 5) t.fail(`articlesCount is ${count}, but at least the 5 articles of this test exist.`);
    for (const article of articles) {
      if ("body" in article) t.fail(`The list holds the body of ${String(article.slug)}: lists leave "body" out.`, { expected: "articles without a body key" });
      const missing = ARTICLE_KEYS.filter((key) => !(key in article));
      if (missing.length > 0) t.fail(`The article ${String(article.slug)} in the list has no ${missing.join(", ")}.`, { expected: `every article with ${ARTICLE_KEYS.join(", ")}` });
    }
  });

  await t.check("author keeps that author's articles, newest first, with the right articlesCount", async () => {
    const ada = need("ada");
    await expectList(`?author=${encodeURIComponent(ada.username)}`, ["a3", "a2", "a1"], 3);
    await expectList(`?author=${encodeURIComponent(need("bob").username)}`, ["b2", "b1"], 2);
  });

  await t.check("tag keeps the articles with that tag, each counted once however many tags it has", async () => {
    await expectList(`?tag=${encodeURIComponent(red)}`, ["a2", "b1", "a1"], 3);
    await expectList(`?tag=${encodeURIComponent(blue)}`, ["a3", "a2", "b1"], 3);
    await expectList(`?tag=${encodeURIComponent(red.toUpperCase())}`, [], 0);
  });

  await t.check("favorited keeps the articles that user favorited", async () => {
    await expectList(`?favorited=${encodeURIComponent(need("cleo").username)}`, ["b1", "a1"], 2);
    await expectList(`?favorited=${encodeURIComponent(need("bob").username)}`, ["a2"], 1);
    await expectList(`?favorited=${encodeURIComponent(need("ada").username)}`, [], 0);
  });

  await t.check("filters combine: an article must match every one given", async () => {
    const { ada, bob, cleo } = { ada: need("ada"), bob: need("bob"), cleo: need("cleo") };
    await expectList(`?author=${encodeURIComponent(ada.username)}&tag=${encodeURIComponent(red)}`, ["a2", "a1"], 2);
    await expectList(`?tag=${encodeURIComponent(blue)}&favorited=${encodeURIComponent(cleo.username)}`, ["b1"], 1);
    await expectList(`?author=${encodeURIComponent(bob.username)}&favorited=${encodeURIComponent(cleo.username)}&tag=${encodeURIComponent(red)}`, ["b1"], 1);
    await expectList(`?author=${encodeURIComponent(bob.username)}&tag=${encodeURIComponent(blue)}&favorited=${encodeURIComponent(bob.username)}`, [], 0);
  });

  await t.check("favoritesCount, favorited and author.following in the list are right for each reader", async () => {
    const cleo = need("cleo");
    const check = (listed: Listed, who: string, want: Record<string, [boolean, number, boolean]>): void => {
      for (const [name, [favorited, favoritesCount, following]] of Object.entries(want)) {
        const article = listed.articles.find((a) => a.slug === slugs[name]);
        const author = isObject(article?.author) ? article.author : {};
        if (!article || article.favorited !== favorited || article.favoritesCount !== favoritesCount || author.following !== following) {
          t.fail(`In ${who}'s list, ${slugs[name] ?? name} shows favorited ${String(article?.favorited)}, favoritesCount ${String(article?.favoritesCount)}, author.following ${String(author.following)}.`, {
            expected: `favorited ${String(favorited)}, favoritesCount ${favoritesCount}, author.following ${String(following)}`,
          });
        }
      }
    };
    const query = `?tag=${encodeURIComponent(red)}`;
    check(await list(query, cleo), "Cleo", { a1: [true, 1, false], b1: [true, 1, true], a2: [false, 1, false] });
    check(await list(query, need("bob")), "Bob", { a1: [false, 1, false], b1: [false, 1, false], a2: [true, 1, false] });
    check(await list(query), "an anonymous reader", { a1: [false, 1, false], b1: [false, 1, false], a2: [false, 1, false] });
  });

  await t.check("limit and offset page through the results; articlesCount stays the count of every match", async () => {
    const author = `?author=${encodeURIComponent(need("ada").username)}`;
    await expectList(`${author}&limit=2`, ["a3", "a2"], 3);
    await expectList(`${author}&limit=2&offset=2`, ["a1"], 3);
    await expectList(`${author}&offset=1&limit=1`, ["a2"], 3);
    await expectList(`${author}&offset=3`, [], 3);
    await expectList(`${author}&offset=50&limit=5`, [], 3);
    const all = await list("");
    if (all.articles.length !== Math.min(20, all.count)) {
      t.fail(`Without limit the page holds ${all.articles.length} articles, of ${all.count}: the default limit is 20.`, { expected: `${Math.min(20, all.count)} articles` });
    }
  });

  await t.check("a limit or offset that is not a valid number answers 422 under its name; an empty parameter is ignored", async () => {
    for (const bad of ["0", "-1", "ten", "1.5"]) {
      await expectError(t, { method: "GET", path: `/api/articles?limit=${bad}` }, 422, "limit", "must be a positive integer");
    }
    for (const bad of ["-1", "abc"]) {
      await expectError(t, { method: "GET", path: `/api/articles?offset=${bad}` }, 422, "offset", "must be a non-negative integer");
    }
    await expectList(`?tag=&author=${encodeURIComponent(need("ada").username)}&limit=`, ["a3", "a2", "a1"], 3);
  });

  await t.check("an unknown author, tag or favoriter gives 200 with no articles; so do SQL and LIKE wildcards", async () => {
    for (const value of [t.unique("nobody"), "' OR '1'='1", "x' OR 'a'='a' --", "%", "_", "%%"]) {
      for (const filter of ["author", "tag", "favorited"]) await expectList(`?${filter}=${encodeURIComponent(value)}`, [], 0);
    }
  });

  await t.check("with more than 100 articles, limit=1000 and a 25-digit limit give 100; a 25-digit offset gives an empty page", async () => {
    const bulk = await signUp(t, "bulk");
    const before = await list("?limit=1");
    const missing = Math.max(0, 101 - before.count);
    for (let start = 0; start < missing; start += 10) {
      const batch = Array.from({ length: Math.min(10, missing - start) }, (_, i) => start + i);
      await Promise.all(batch.map((i) => expectWrapped(t, { method: "POST", path: "/api/articles", headers: bulk.headers, json: { article: { title: `Bulk ${i} ${red}`, description: "d", body: "b" } } }, 201, "article")));
    }
    const total = before.count + missing;
    for (const limit of ["1000", "1000000000000000000000000"]) {
      const page = await list(`?limit=${limit}`);
      if (page.articles.length !== 100 || page.count < total) {
        t.fail(`GET /api/articles?limit=${limit} gave ${page.articles.length} articles and articlesCount ${page.count}.`, { expected: `100 articles (the most a page holds) and articlesCount ${total} or more` });
      }
    }
    const far = await list("?offset=1000000000000000000000000");
    if (far.articles.length !== 0 || far.count < total) {
      t.fail(`GET /api/articles?offset=1000000000000000000000000 gave ${far.articles.length} articles and articlesCount ${far.count}.`, { expected: `no articles and articlesCount ${total} or more` });
    }
  });

  await t.check("a bad token answers 401 is invalid, even though the login is optional", async () => {
    await expectError(t, { method: "GET", path: "/api/articles", headers: tokenHeader("not.a.token") }, 401, "token", "is invalid");
  });
}
