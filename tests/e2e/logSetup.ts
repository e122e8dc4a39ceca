/** Playwright's first step (globalSetup): the log folder starts empty, so the final scan reads this run's logs only. */
import { clearLogs } from './e2eLogs';

export default function clearRunLogs(): void {
  clearLogs();
}
