/** How a số đến is shown: a provisional entry has none until the computer holding the register's lease numbers it. */
import { msg } from '../messages';

export const arrivalNumberText = (n: number | null): string => (n === null ? msg('incoming.awaitingNumber') : String(n));
