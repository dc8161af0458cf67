// Starts the CAP tracker service (db/, srv/) on 127.0.0.1 with in-memory SQLite.
//
//   node test/cap/server/server.mjs [--port 0]
//
// prints one JSON line {"url","service","port","pid","startupMs"} on stdout once listening, and stops
// cleanly (exit code 0) on SIGTERM or SIGINT, or when stdin closes (the parent test process went away).
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = dirname(fileURLToPath(import.meta.url));

export async function start({ port = 0, host = "127.0.0.1" } = {}) {
  const t0 = performance.now();
  // Before cds.env is first read: in-memory SQLite and no authentication, whatever cwd and NODE_ENV are.
  process.env.CDS_CONFIG = JSON.stringify({
    requires: { auth: { kind: "dummy" }, db: { kind: "sqlite", credentials: { url: ":memory:" } } },
  });
  const require = createRequire(import.meta.url);
  const cds = require("@sap/cds");
  const express = require("express");
  cds.root = ROOT;
  for (const id of ["cds", "serve", "server", "odata", "sqlite", "db", "deploy", "cds.deploy", "app"]) cds.log(id, "warn");
  const app = express();
  cds.app = app;
  const csn = await cds.load([`${ROOT}/db`, `${ROOT}/srv`]);
  cds.model = cds.compile.for.nodejs(csn);
  const db = (cds.db = await cds.connect.to("db"));
  await cds.deploy(csn).to(db); // tables and db/data/*.csv; needs the raw csn
  await cds.serve("all").in(app);
  await cds.emit("served", cds.services);
  const server = await new Promise((resolve, reject) => {
    const s = app.listen(port, host, () => resolve(s)).on("error", reject);
  });
  const sockets = new Set();
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  const url = `http://${host}:${server.address().port}`;
  const stop = async () => {
    await new Promise((r) => {
      server.close(() => r());
      for (const s of sockets) s.destroy(); // keep-alive connections must not hold close() up
    });
    await cds.emit("shutdown");
    await cds.db?.disconnect?.();
  };
  return { url, service: `${url}/tracker`, port: server.address().port, startupMs: performance.now() - t0, stop };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const i = args.indexOf("--port");
  const srv = await start({ port: i >= 0 ? Number(args[i + 1]) : 0 });
  const { url, service, port, startupMs } = srv;
  process.stdout.write(`${JSON.stringify({ url, service, port, pid: process.pid, startupMs: Math.round(startupMs) })}\n`);
  let stopping = false;
  const bye = async () => {
    if (stopping) return;
    stopping = true;
    await srv.stop();
    process.exit(0);
  };
  process.on("SIGTERM", bye);
  process.on("SIGINT", bye);
  process.stdin.on("end", bye).resume();
}
