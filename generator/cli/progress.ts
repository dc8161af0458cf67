/**
 * The one-line progress indicator on stderr: shown only when a run has taken more than a second, stderr is a
 * terminal, and neither CI nor --quiet (nor --verbose, whose lines it would garble) says otherwise. Cleared at the end.
 */

/** How long a run goes before the indicator appears. */
export const PROGRESS_DELAY_MS = 1000;

export interface ProgressContext {
  readonly isTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly quiet: boolean;
  readonly verbose: boolean;
  readonly elapsedMs: number;
}

/** A CI service sets CI (GitHub, GitLab, CircleCI, Travis, Buildkite, …); "false" and "0" say it is not one. */
export function isCI(env: Readonly<Record<string, string | undefined>>): boolean {
  const ci = env["CI"];
  if (ci !== undefined && ci !== "" && ci !== "0" && ci.toLowerCase() !== "false") return true;
  return env["CONTINUOUS_INTEGRATION"] !== undefined || env["BUILD_NUMBER"] !== undefined || env["GITHUB_ACTIONS"] === "true";
}

/** Whether to draw the indicator now. */
export function shouldShowProgress(c: ProgressContext): boolean {
  if (!c.isTTY || c.quiet || c.verbose) return false;
  if (isCI(c.env) || c.env["TERM"] === "dumb") return false;
  return c.elapsedMs > PROGRESS_DELAY_MS;
}

export interface Progress {
  /** A stage began (also draws, when the run has gone on long enough). */
  stage(name: string): void;
  /** Clears the line, if anything was drawn. */
  done(): void;
}

const CLEAR = "\r\u001b[2K";

export function createProgress(
  label: string,
  options: { quiet: boolean; verbose: boolean },
  stream: { isTTY?: boolean; write(s: string): unknown } = process.stderr,
  env: Readonly<Record<string, string | undefined>> = process.env,
  now: () => number = () => performance.now(),
): Progress {
  const start = now();
  let current = "";
  let drawn = false;
  const draw = (): void => {
    if (!shouldShowProgress({ isTTY: stream.isTTY === true, env, quiet: options.quiet, verbose: options.verbose, elapsedMs: now() - start })) return;
    stream.write(`${CLEAR}codegen: ${label}${current === "" ? "" : ` ${current}`}…`);
    drawn = true;
  };
  // Stages are mostly synchronous, so each change redraws; the timer covers a long wait (a slow fetch).
  const timer = setInterval(draw, PROGRESS_DELAY_MS / 2);
  timer.unref();
  return {
    stage(name) {
      current = name;
      draw();
    },
    done() {
      clearInterval(timer);
      if (drawn) stream.write(CLEAR);
      drawn = false;
    },
  };
}
