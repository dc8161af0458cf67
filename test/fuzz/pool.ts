/**
 * A pool of fuzz workers with a time limit per job: a job over the limit is a hang, its worker is ended
 * (worker.terminate) and replaced.
 */
import { Worker } from "node:worker_threads";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Outcome } from "./oracle.js";
import type { Encoding } from "./mutate.js";
import type { Job, WorkerInit } from "./worker.js";

export interface JobResult {
  readonly outcome?: Outcome;
  /** The job ran over the time limit. */
  readonly hang?: boolean;
  /** The harness itself failed (a bug in test/fuzz, or the worker died). */
  readonly harnessError?: string;
  readonly size?: number;
  readonly seedName?: string;
  readonly ops?: readonly string[];
  readonly mode?: "package" | "sources";
  readonly encoding?: Encoding;
}

interface Slot {
  worker: Worker;
  /** Settles when the worker has loaded (the time limit counts from then, not from its start). */
  ready: Promise<void>;
  busy: boolean;
  index: number;
}

const WORKER = new URL("./worker-entry.mjs", import.meta.url);

export class Pool {
  private readonly slots: Slot[] = [];
  private readonly waiting: (() => void)[] = [];
  private nextId = 0;
  private spawned = 0;

  constructor(
    private readonly size: number,
    private readonly init: Omit<WorkerInit, "workDir">,
    private readonly workRoot: string,
    private readonly timeoutMs: number,
  ) {
    for (let i = 0; i < size; i++) this.slots.push({ ...this.spawn(), busy: false, index: i });
  }

  private spawn(): { worker: Worker; ready: Promise<void> } {
    const workDir = join(this.workRoot, `w${this.spawned++}`);
    mkdirSync(workDir, { recursive: true });
    // worker-entry.mjs loads worker.ts through tsx, so the worker runs the TypeScript sources as the tests do.
    const worker = new Worker(WORKER, { workerData: { ...this.init, workDir } satisfies WorkerInit, resourceLimits: { maxOldGenerationSizeMb: 4096 } });
    const ready = new Promise<void>((resolve) => {
      const settle = (): void => {
        worker.off("message", onReady);
        worker.off("error", settle);
        worker.off("exit", settle);
        resolve();
      };
      const onReady = (m: unknown): void => {
        if (m === "ready") settle();
      };
      worker.on("message", onReady);
      worker.once("error", settle);
      worker.once("exit", settle);
    });
    return { worker, ready };
  }

  private replace(slot: Slot): void {
    Object.assign(slot, this.spawn());
  }

  private async acquire(): Promise<Slot> {
    for (;;) {
      const free = this.slots.find((s) => !s.busy);
      if (free) {
        free.busy = true;
        return free;
      }
      await new Promise<void>((r) => this.waiting.push(r));
    }
  }

  private release(slot: Slot): void {
    slot.busy = false;
    this.waiting.shift()?.();
  }

  async run(job: Job, timeoutMs = this.timeoutMs): Promise<JobResult> {
    const slot = await this.acquire();
    await slot.ready;
    const id = this.nextId++;
    const worker = slot.worker;
    try {
      return await new Promise<JobResult>((resolve) => {
        const done = (r: JobResult): void => {
          clearTimeout(timer);
          worker.off("message", onMessage);
          worker.off("error", onError);
          worker.off("exit", onExit);
          resolve(r);
        };
        const onMessage = (m: { id: number } & JobResult): void => {
          if (m.id === id) done(m);
        };
        const onError = (e: Error): void => {
          this.replace(slot);
          done({ harnessError: `the worker died: ${e.stack ?? e.message}` });
        };
        const onExit = (code: number): void => {
          this.replace(slot);
          done({ harnessError: `the worker exited with ${code}` });
        };
        const timer = setTimeout(() => {
          worker.off("exit", onExit);
          void worker.terminate();
          this.replace(slot);
          done({ hang: true });
        }, timeoutMs);
        worker.on("message", onMessage);
        worker.on("error", onError);
        worker.on("exit", onExit);
        worker.postMessage({ id, job });
      });
    } finally {
      this.release(slot);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
