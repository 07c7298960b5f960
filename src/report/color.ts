// Whether the text report uses ANSI colours: `--no-color` wins, then NO_COLOR (https://no-color.org:
// set and not empty), then FORCE_COLOR (set and not "0"/"false"), then TERM=dumb, then "is a TTY".
export interface ColorContext {
  /** `--no-color` was given. */
  noColor?: boolean;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether the output stream is a terminal (process.stdout.isTTY; false when writing --output). */
  isTTY: boolean | undefined;
}

export function colorEnabled(ctx: ColorContext): boolean {
  if (ctx.noColor) return false;
  const { NO_COLOR, FORCE_COLOR, TERM } = ctx.env;
  if (NO_COLOR !== undefined && NO_COLOR !== '') return false;
  if (FORCE_COLOR !== undefined && FORCE_COLOR !== '0' && FORCE_COLOR !== 'false') return true;
  if (TERM === 'dumb') return false;
  return ctx.isTTY === true;
}
