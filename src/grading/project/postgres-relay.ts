/**
 * The app's only way to PostgreSQL: a host unix socket (exposed inside as 127.0.0.1:5432)
 * that reads the client's startup message and lets the connection through to the server
 * only when it names this run's role and database. The server trusts local TCP
 * connections, so without this check an app could log in as any role, postgres included.
 */
import { createServer, connect as netConnect, type Server, type Socket } from "node:net";
import { rm } from "node:fs/promises";

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;
const MAX_STARTUP_BYTES = 10_000;

export interface PostgresRelayOptions {
  user: string;
  database: string;
  host: string;
  port: number;
}

export interface PostgresRelay {
  readonly socketPath: string;
  close(): Promise<void>;
}

export async function startPostgresRelay(socketPath: string, options: PostgresRelayOptions): Promise<PostgresRelay> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.on("error", () => client.destroy());
    relay(client, options, sockets);
  });
  await rm(socketPath, { force: true });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, () => resolve());
  });
  return {
    socketPath,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((done) => server.close(() => done()));
      await rm(socketPath, { force: true });
    },
  };
}

function relay(client: Socket, options: PostgresRelayOptions, sockets: Set<Socket>): void {
  let pending = Buffer.alloc(0);
  const onData = (chunk: Buffer): void => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 8) {
      const length = pending.readInt32BE(0);
      if (length < 8 || length > MAX_STARTUP_BYTES) return refuse(client, "invalid startup message");
      if (pending.length < length) return;
      const message = pending.subarray(0, length);
      pending = pending.subarray(length);
      const code = message.readInt32BE(4);
      if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
        // No TLS on a loopback hop; libpq then goes on in plain text.
        client.write("N");
        continue;
      }
      if (code === CANCEL_REQUEST) return void client.destroy();
      if (code !== PROTOCOL_3) return refuse(client, "unsupported protocol version");
      const params = startupParams(message.subarray(8));
      const user = params.get("user");
      const database = params.get("database") ?? user;
      if (user !== options.user || database !== options.database) {
        return refuse(client, `only the database in DATABASE_URL can be used (user ${options.user}, database ${options.database})`);
      }
      client.off("data", onData);
      client.pause();
      const server = netConnect(options.port, options.host);
      sockets.add(server);
      server.on("close", () => sockets.delete(server));
      server.on("error", () => client.destroy());
      client.on("close", () => server.destroy());
      server.on("close", () => client.destroy());
      server.once("connect", () => {
        server.write(message);
        if (pending.length > 0) server.write(pending);
        client.pipe(server);
        server.pipe(client);
        client.resume();
      });
      return;
    }
  };
  client.on("data", onData);
}

function startupParams(body: Buffer): Map<string, string> {
  const parts = body.toString("utf8").split("\0");
  const params = new Map<string, string>();
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const key = parts[i];
    if (key === undefined || key === "") break;
    params.set(key, parts[i + 1] ?? "");
  }
  return params;
}

/** An ErrorResponse the app's driver shows as the reason, then the connection ends. */
function refuse(client: Socket, message: string): void {
  const fields = Buffer.from(`SFATAL\0C28000\0M${message}\0\0`, "utf8");
  const header = Buffer.alloc(5);
  header.write("E", 0);
  header.writeInt32BE(fields.length + 4, 1);
  client.end(Buffer.concat([header, fields]));
}
