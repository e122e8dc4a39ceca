/** The shape of one `vanthu` sub-command; main.ts finds it by name. */
import type { Core } from '../core/app';

export interface CommandContext {
  /** Opens the core on the --data folder (created on first use). */
  openCore(): Promise<Core>;
  /** The --data folder, absolute; it may not exist yet (a command can check before openCore would create it). */
  dataDir: string;
  out(line: string): void;
  err(line: string): void;
}

export interface Command {
  name: string;
  /** One line, Vietnamese, for `vanthu --help`. */
  summary: string;
  usage: string;
  run(args: string[], ctx: CommandContext): Promise<number>;
}
