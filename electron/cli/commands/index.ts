/** Every `vanthu` sub-command, in the order `--help` lists them. */
import type { Command } from '../command';
import { initCommand } from './init';
import { registerCommand } from './register';
import { registerBookCommand } from './registerBook';
import { searchCommand } from './search';
import { signFileCommand } from './signFile';
import { verifyFileCommand } from './verifyFile';

export const COMMANDS: Command[] = [initCommand, registerCommand, searchCommand, registerBookCommand, signFileCommand, verifyFileCommand];
