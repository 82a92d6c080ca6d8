// `npm ci`, skipped when node_modules was installed from this very package-lock.json.
// The Maven build runs it before `npm run build`; it uses the machine's node and npm.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const lock = readFileSync('package-lock.json');
const hash = createHash('sha256').update(lock).digest('hex');
const stamp = 'node_modules/.scope-cloud-lock-sha256';
if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === hash) {
  console.log('node_modules is up to date with package-lock.json');
  process.exit(0);
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const r = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { stdio: 'inherit' });
if (r.status !== 0) {
  console.error('npm ci failed: the UI needs Node 20+ and npm 10+ from the machine, and the npm registry');
  process.exit(r.status ?? 1);
}
writeFileSync(stamp, hash + '\n');
