/**
 * Signals across processes on PostgreSQL: every signal raised in this process is sent with
 * pg_notify, and every notification from another process is raised here. A server then
 * shows a verdict stored by a separate `roadwork worker` at once, and an idle worker starts
 * on a job the moment the server queues it. Best effort: when the listening connection
 * drops, polling still finds every change (and the bridge reconnects).
 */
import { sql, type Kysely } from "kysely";
import type { Database } from "../store/schema.js";
import type { Signals, SignalName } from "./signals.js";

export const CHANNEL = "roadwork_signals";

export interface BridgeLog {
  warn(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

export interface SignalBridge {
  close(): Promise<void>;
}

export async function bridgeSignalsOverPostgres(url: string, db: Kysely<Database>, signals: Signals, log?: BridgeLog): Promise<SignalBridge> {
  const { default: pg } = await import("pg");
  let closed = false;
  let client: InstanceType<typeof pg.Client> | undefined;
  // Our own notifications come back to us too; they were raised here already.
  const sentByUs = new Map<string, number>();

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    next.on("notification", (message) => {
      const name = message.payload as SignalName | undefined;
      if (name === undefined || message.channel !== CHANNEL) return;
      const pending = sentByUs.get(name) ?? 0;
      if (pending > 0) {
        if (pending === 1) sentByUs.delete(name);
        else sentByUs.set(name, pending - 1);
        return;
      }
      signals.receive(name);
    });
    next.on("error", (error) => {
      // A client that fails while connecting is the rejection of connect(), handled there.
      if (client !== next) return;
      client = undefined;
      log?.warn({ err: error }, "lost the PostgreSQL notification connection; reconnecting");
      // The connection is broken already (warned just above): its end may fail too.
      void next.end().catch((endError: unknown) => log?.debug({ err: endError }, "ending the lost notification connection failed"));
      reconnectSoon();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      void next.end().catch((endError: unknown) => log?.debug({ err: endError }, "ending a notification connection that did not start failed"));
      throw error;
    }
    if (closed) {
      await next.end();
      return;
    }
    client = next;
  };
  // A reconnect that fails is told and tried again, one try at a time: until now one failed
  // try ended the bridge for good, with nothing said.
  let retrying = false;
  const reconnectSoon = (): void => {
    if (closed || retrying) return;
    retrying = true;
    const retry = (): void =>
      void connect().then(
        () => {
          retrying = false;
        },
        (error: unknown) => {
          retrying = false;
          log?.warn({ err: error }, "reconnecting the PostgreSQL notification connection failed; trying again in 1 s");
          reconnectSoon();
        },
      );
    setTimeout(retry, 1000).unref();
  };
  await connect();

  const disconnect = signals.connect({
    send(name) {
      if (closed) return;
      sentByUs.set(name, (sentByUs.get(name) ?? 0) + 1);
      sql`select pg_notify(${CHANNEL}, ${name})`.execute(db).catch((error: unknown) => {
        sentByUs.delete(name);
        log?.warn({ err: error }, "could not send a notification");
      });
    },
  });

  return {
    async close() {
      closed = true;
      disconnect();
      await client?.end().catch((error: unknown) => log?.warn({ err: error }, "closing the PostgreSQL notification connection failed"));
    },
  };
}
