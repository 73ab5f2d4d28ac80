import { spawn } from 'node:child_process';

// Runs as its own tiny detached process: polls the owner every 500 ms and, once the owner is gone
// (a test runner killed with SIGKILL, a crashed demo), signals the watched process groups, so no
// PostgreSQL or Kafka is ever left behind. Inline so it needs no file of its own in dist/.
const watcherSource = `
const [owner, ...groups] = process.argv.slice(1).map(Number);
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; } };
const signal = (pid, sig) => { try { process.kill(-pid, sig); } catch { try { process.kill(pid, sig); } catch {} } };
const timer = setInterval(() => {
  if (alive(owner)) return;
  clearInterval(timer);
  for (const g of groups) signal(g, 'SIGTERM');
  setTimeout(() => { for (const g of groups) if (alive(g)) signal(g, 'SIGKILL'); process.exit(0); }, 15000);
}, 500);
process.on('SIGTERM', () => process.exit(0));
`;

/** Starts a watcher that stops `groups` when `ownerPid` dies; returns the watcher's pid. */
export function watchOwner(ownerPid: number, groups: number[]): number {
  const child = spawn(
    process.execPath,
    ['-e', watcherSource, String(ownerPid), ...groups.map(String)],
    {
      detached: true,
      stdio: 'ignore',
    },
  );
  child.unref();
  if (child.pid === undefined) throw new Error('could not start the stack owner watcher');
  return child.pid;
}
