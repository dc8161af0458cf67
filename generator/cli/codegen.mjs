#!/usr/bin/env node
// The `codegen` command: the bundled generator when it is up to date, else the TypeScript sources through tsx.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { load } from "./entry.mjs";

/**
 * --watch runs in a child process with a larger young generation: each regeneration of a large service allocates a
 * few hundred MB that die young, and V8's default (16 MB semi-spaces) promotes much of it, so the collector costs
 * about a fifth of a regeneration. V8 sizes its heap at start only, hence the child. The child has its own process
 * group (Ctrl+C reaches this process, which passes it on once) and an IPC channel (it stops when this process dies).
 */
const SEMI_SPACE_MB = 64;
const argv = process.argv.slice(2);
const watching = argv.slice(0, argv.includes("--") ? argv.indexOf("--") : argv.length).some((a) => a === "--watch" || a === "-w");
const tuned = process.execArgv.some((a) => a.startsWith("--max-semi-space-size"));

// Not on Windows: a console's Ctrl+C reaches every process attached to it, and killing a child there is abrupt.
if (watching && !tuned && process.env.CODEGEN_WATCH_CHILD !== "1" && process.platform !== "win32") {
  const child = spawn(process.execPath, [...process.execArgv, `--max-semi-space-size=${SEMI_SPACE_MB}`, fileURLToPath(import.meta.url), ...argv], {
    stdio: ["inherit", "inherit", "inherit", "ipc"],
    detached: true,
    env: { ...process.env, CODEGEN_WATCH_CHILD: "1" },
  });
  const passOn = (signal) => child.kill(signal);
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"];
  for (const signal of signals) process.on(signal, passOn);
  child.on("error", (e) => {
    if (child.pid !== undefined) return; // the channel's errors: the exit code comes with "exit"
    process.stderr.write(`codegen: internal error: cannot start the watcher: ${e.message}\n`);
    process.exitCode = 70;
  });
  child.on("exit", (code, signal) => {
    if (code !== null) process.exitCode = code;
    else {
      // Ended by a signal: end the same way, so that whoever started codegen sees what it would have seen.
      for (const s of signals) process.off(s, passOn);
      process.kill(process.pid, signal);
    }
  });
} else {
  if (process.env.CODEGEN_WATCH_CHILD === "1" && process.channel) {
    // The parent owns the terminal: when it goes away (or closes the channel), stop watching as on Ctrl+C.
    process.channel.unref();
    process.on("disconnect", () => process.emit("SIGINT"));
  }
  // A reader that stops early (`codegen diff | head`) closes the pipe: the rest of the output has nowhere to go, which
  // is no error of codegen's. Stop quietly, as other command-line tools do.
  process.stdout.on("error", (e) => {
    if (e.code !== "EPIPE") throw e;
    process.exit(process.exitCode ?? 0);
  });
  const { main } = await load("codegen.mjs", "cli/main.ts");
  try {
    process.exitCode = await main(argv);
  } catch (e) {
    process.stderr.write(`codegen: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 70;
  }
}
