/** The blob server in a process of its own, for tests that kill it: `node --import tsx blobServerProcess.ts <dataDir>`
 * prints its port on the first line of stdout. */
import { startBlobServer } from './blobServer';

const server = await startBlobServer({ dataDir: process.argv[2]! });
process.stdout.write(`${server.port}\n`);
