import { DIALECTS } from "../store/dialects.js";
import { runQueueContract } from "./contract.js";
import { DatabaseQueue } from "../../src/queue/database-queue.js";

for (const dialect of DIALECTS) {
  runQueueContract({
    name: `DatabaseQueue on ${dialect.name}`,
    skip: dialect.skip,
    async create() {
      const database = await dialect.create();
      const clock = { now: 1_700_000_000_000 };
      const queue = new DatabaseQueue(database.store, { maxAttempts: 3, backoffMs: 1000, now: () => clock.now });
      return { queue, store: database.store, clock, close: () => database.drop() };
    },
  });
}
