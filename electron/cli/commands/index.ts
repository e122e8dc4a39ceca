/** Every `vanthu` sub-command, in the order `--help` lists them. */
import type { Command } from '../command';
import { directiveCommand, directivesCommand } from './directive';
import { edxmlCommand } from './edxml';
import { assignCommand, closeCommand, tasksCommand } from './handling';
import { initCommand } from './init';
import { loginCommand } from './login';
import { outgoingCommand } from './outgoing';
import { registerCommand } from './register';
import { registerBookCommand, trackingBookCommand } from './registerBook';
import { searchCommand } from './search';
import { signCommand } from './sign';
import { signFileCommand } from './signFile';
import { slipCommand } from './slip';
import { syncCommand } from './sync';
import { trustCommand } from './trust';
import { verifyCommand } from './verify';
import { verifyFileCommand } from './verifyFile';
import { reportCommand } from './report';
import { fileCommand } from './workFiles';

export const COMMANDS: Command[] = [
  initCommand,
  registerCommand,
  searchCommand,
  registerBookCommand,
  trackingBookCommand,
  assignCommand,
  tasksCommand,
  closeCommand,
  slipCommand,
  directiveCommand,
  directivesCommand,
  fileCommand,
  reportCommand,
  outgoingCommand,
  edxmlCommand,
  signCommand,
  verifyCommand,
  signFileCommand,
  verifyFileCommand,
  trustCommand,
  loginCommand,
  syncCommand,
];
