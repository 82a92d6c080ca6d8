// End-to-end: the real standalone service, Debian's Chromium, driven by playwright-core.
//
//   BASE_URL=http://localhost:4040 node e2e/run.mjs
//
// Environment:
//   BASE_URL        the running service (required)
//   CHROMIUM        the browser (default /usr/bin/chromium; `apt-get install -y chromium`)
//   SCREENSHOTS     where screenshots go (default target/screenshots)
//   E2E_HARNESS     "1" when run by BrowserE2EIT: see below
//   E2E_HOST_NODE   without the harness: the probe's host node, e.g. "myhost;<host>" (default:
//                   the first host the service shows once the probe connected)
//   E2E_CONTROLS    without the harness: "yes" when that probe runs the test plugin
//                   (probe/src/test/resources/plugins/scope_test_plugin.py) and --probe.host-exec
//
// It prints `@@token <secret>` once it has copied the probe token from the onboarding page:
// whoever runs it then starts the real probe with that token. Under E2E_HARNESS, BrowserE2EIT
// does so, with the test plugin and --probe.host-exec, and answers on stdin
// `@@probe {"hostNode":"<host>;<host>"}` once the service has accepted the probe's first report.
// Every step logs a line; any failure exits non-zero with the step's name and a screenshot
// `FAILED-<step>.png`.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

const stdinLines = HARNESS_LINES();
function HARNESS_LINES() {
  if (process.env.E2E_HARNESS !== '1') return null;
  const queue = [];
  const waiters = [];
  createInterface({ input: process.stdin }).on('line', (l) => (waiters.length ? waiters.shift()(l) : queue.push(l)));
  return (ms) =>
    new Promise((resolve, reject) => {
      if (queue.length) return resolve(queue.shift());
      const t = setTimeout(() => reject(new Error(`no answer from the harness in ${ms} ms`)), ms);
      waiters.push((l) => (clearTimeout(t), resolve(l)));
    });
}

const BASE = (process.env.BASE_URL ?? '').replace(/\/$/, '');
if (!BASE) {
  console.error('BASE_URL is required, e.g. BASE_URL=http://localhost:4040 node e2e/run.mjs');
  process.exit(2);
}
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = resolve(process.env.SCREENSHOTS ?? 'target/screenshots');
let CONTROLS = process.env.E2E_CONTROLS === 'yes';
const HARNESS = process.env.E2E_HARNESS === '1';
// The probe's host: its node id ("vm;<host>"), host id ("vm") and label (the first DNS label).
let HOST_NODE = process.env.E2E_HOST_NODE ?? '';
const hostId = () => HOST_NODE.substring(0, HOST_NODE.lastIndexOf(';'));
const hostLabel = () => hostId().split('.')[0];
const hostNode = () => `g.node[data-node-id="${HOST_NODE}"]`;

mkdirSync(SHOTS, { recursive: true });

const run = Date.now().toString(36);
const PASSWORD = 'e2e-password-' + run;
const users = {
  alice: `alice-${run}@example.com`,
  bob: `bob-${run}@example.com`,
  carol: `carol-${run}@example.com`,
};
const skipped = [];
let steps = 0;
let current = 'start';
let lastPage = null;

function log(msg) {
  console.log(`[e2e] ${msg}`);
}

async function step(name, fn) {
  current = name;
  const t = Date.now();
  await fn();
  steps++;
  log(`ok   ${name} (${Date.now() - t} ms)`);
}

async function shot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
}

function expect(cond, message) {
  if (!cond) throw new Error(message);
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
  ],
});

async function newUser() {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, baseURL: BASE });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE });
  context.setDefaultTimeout(20000);
  const page = await context.newPage();
  page.on('pageerror', (e) => log(`page error: ${e.message}`));
  lastPage = page;
  return page;
}

async function signUp(page, email, orgName) {
  await page.goto('/signup');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  if (orgName) await page.getByLabel('Organisation name').fill(orgName);
  await page.getByRole('button', { name: 'Sign up' }).click();
}

try {
  // ---- Alice signs up, creating her org, and copies the launch command. ----
  const alice = await newUser();
  let org = '';
  let token = '';
  await step('the app opens on the log-in page', async () => {
    await alice.goto('/');
    await alice.waitForURL('**/login');
    await alice.getByRole('form', { name: 'Log in' }).waitFor();
    await shot(alice, '01-login');
  });
  await step('sign up with a new organisation', async () => {
    await signUp(alice, users.alice, 'E2E Org ' + run);
    await alice.waitForURL('**/app/*/setup');
    org = decodeURIComponent(new URL(alice.url()).pathname.split('/')[2]);
    log(`org ${org}`);
  });
  await step('onboarding shows the launch command with a token, and copying it works', async () => {
    const command = (await alice.getByTestId('launch-command').textContent()).trim();
    expect(command.startsWith('scope launch --service-token='), `unexpected command: ${command}`);
    expect(command.endsWith(` --service-url=${BASE}`), `command does not name this service: ${command}`);
    await alice.getByRole('button', { name: 'Copy launch command' }).click();
    const copied = await alice.evaluate(() => navigator.clipboard.readText());
    expect(copied === command, `clipboard holds "${copied}"`);
    token = /--service-token=(\S+)/.exec(command)[1];
    await alice.getByTestId('waiting-for-probe').waitFor();
    await shot(alice, '02-onboarding-waiting');
    console.log(`@@token ${token}`);
    if (HARNESS) {
      const answer = (await stdinLines(180000)).trim();
      expect(answer.startsWith('@@probe '), `the harness answered "${answer}"`);
      HOST_NODE = JSON.parse(answer.substring('@@probe '.length)).hostNode;
      CONTROLS = true;
      log(`the probe reports host ${HOST_NODE}`);
    }
  });
  let probeSeenAt = 0; // when the first report had been accepted
  await step('the onboarding page sees the probe connect', async () => {
    await alice.getByTestId('probe-connected').waitFor({ timeout: 60000 });
    probeSeenAt = Date.now();
    await shot(alice, '03-onboarding-connected');
    if (!HOST_NODE) {
      HOST_NODE = await alice.evaluate(async (o) => {
        for (let i = 0; i < 60; i++) {
          const r = await fetch(`/api/app/${encodeURIComponent(o)}/api/topology/hosts`);
          const hosts = r.ok ? Object.values((await r.json()).nodes).filter((n) => !n.pseudo) : [];
          if (hosts.length > 0) return hosts[0].id;
          await new Promise((done) => setTimeout(done, 500));
        }
        return '';
      }, org);
      expect(HOST_NODE, 'no host appeared in the hosts view within 30 s of the probe connecting');
      log(`the probe reports host ${HOST_NODE}`);
    }
  });

  // ---- The map. ----
  await step('the host appears on the map', async () => {
    await alice.getByRole('link', { name: 'Open the map' }).click();
    await alice.waitForURL('**/map/**');
    await alice.locator('button[data-topology="hosts"]').click();
    await alice.waitForURL('**/map/hosts**');
    await alice.locator(hostNode()).waitFor({ timeout: 30000 });
    await alice.waitForTimeout(700); // let nodes settle before the picture
    await shot(alice, '04-map-hosts');
  });
  await step("the host's processes appear on the map", async () => {
    await alice.locator('button[data-topology="processes"]').click();
    await alice.waitForURL('**/map/processes**');
    // Scope hides unconnected processes by default; a lone test host has few connections.
    const show = alice.getByRole('radio', { name: 'Show unconnected' });
    if ((await show.count()) > 0) await show.click();
    await alice.waitForFunction(
      () => {
        const s = document.querySelector('[data-testid=map-status]');
        return s && (s.getAttribute('data-status') === 'unavailable' || document.querySelectorAll('g.node').length >= 5);
      },
      null,
      { timeout: 30000 },
    );
    if ((await alice.getByTestId('map-status').getAttribute('data-status')) === 'unavailable') {
      skipped.push('processes: the service does not render the processes topology yet');
      log('SKIP processes topology: not served by this service');
      return;
    }
    const count = await alice.locator('g.node').count();
    const ofHost = await alice.locator(`g.node[data-node-id^="${hostId()};"]`).count();
    expect(ofHost >= 5, `only ${ofHost} of ${count} nodes are processes of host ${hostId()}`);
    log(`${count} process nodes, ${ofHost} of them on host ${hostId()}`);
    await alice.waitForTimeout(900);
    await shot(alice, '05-map-processes');
  });
  await step('search filters the map and the table view lists the same nodes', async () => {
    await alice.locator('button[data-topology="hosts"]').click();
    await alice.locator(hostNode()).waitFor();
    await alice.getByLabel('Search nodes').fill('no-such-node-anywhere');
    await alice.waitForFunction(() => document.querySelector('[data-testid=map-status]')?.textContent?.includes('0 matching'));
    expect((await alice.locator('g.node.dim').count()) >= 1, 'nothing was dimmed');
    await alice.getByLabel('Search nodes').fill(hostLabel());
    await alice.waitForFunction(() => document.querySelector('[data-testid=map-status]')?.textContent?.includes('1 matching'));
    await alice.getByRole('radio', { name: 'Table' }).click();
    await alice.locator(`tr[data-node-id="${HOST_NODE}"]`).waitFor();
    await shot(alice, '06-table');
    await alice.getByRole('radio', { name: 'Graph' }).click();
    await alice.getByLabel('Search nodes').fill('');
  });
  await step('zoom and pan', async () => {
    const svg = alice.getByTestId('map');
    const before = await svg.getAttribute('data-zoom');
    await alice.getByRole('button', { name: 'Zoom in' }).click();
    const after = await svg.getAttribute('data-zoom');
    expect(Number(after) > Number(before), `zoom ${before} -> ${after}`);
    const box = await svg.boundingBox();
    await alice.mouse.move(box.x + 200, box.y + 200);
    await alice.mouse.down();
    await alice.mouse.move(box.x + 320, box.y + 260, { steps: 5 });
    await alice.mouse.up();
    await alice.getByRole('button', { name: 'Fit to screen' }).click();
  });
  await step("open the host's details", async () => {
    await alice.locator(hostNode()).click();
    const details = alice.getByTestId('node-details');
    await details.waitFor();
    await alice.getByTestId('details-label').filter({ hasText: hostLabel() }).waitFor();
    await details.getByRole('region', { name: 'Info' }).waitFor();
    await details.locator('tr[data-metric]').first().waitFor();
    await alice.waitForTimeout(500);
    await shot(alice, '07-node-details');
  });

  await step('a lost connection shows, keeps the last map, and recovers', async () => {
    const page = await alice.context().newPage();
    let blocked = false;
    const open = [];
    await page.routeWebSocket(/\/api\/app\/.*\/topology\/.*\/ws/, (ws) => {
      if (blocked) {
        ws.close({ code: 4000, reason: 'e2e: network down' });
        return;
      }
      ws.connectToServer();
      open.push(ws);
    });
    await page.goto(`/app/${encodeURIComponent(org)}/map/hosts`);
    await page.locator(hostNode()).waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid=map-status]')?.getAttribute('data-status') === 'live');
    blocked = true;
    for (const ws of open) await ws.close({ code: 4000, reason: 'e2e: network down' });
    await page.getByTestId('connection-lost').waitFor();
    expect((await page.locator(hostNode()).count()) === 1, 'the map dropped its nodes');
    await shot(page, '07b-connection-lost');
    blocked = false;
    await page.getByRole('button', { name: 'Retry now' }).click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid=map-status]')?.getAttribute('data-status') === 'live' && !document.querySelector('[data-testid=connection-lost]'),
    );
    await page.close();
  });

  // ---- A plugin control: the test plugin's "Ping" counts its calls in the host's "Pings" metric. ----
  if (CONTROLS) {
    await step('run a plugin control and see its change', async () => {
      const details = alice.getByTestId('node-details');
      const pings = details.locator('tr[data-metric="pings"] td.num');
      await pings.waitFor({ timeout: 30000 });
      const before = (await pings.textContent()).trim();
      expect(before === '0', `the plugin's Pings metric reads ${before} before any ping`);
      const button = details.getByRole('button', { name: 'Ping', exact: true });
      await button.waitFor({ timeout: 30000 });
      await button.click();
      const result = alice.getByTestId('control-result');
      await result.waitFor({ timeout: 30000 });
      const text = (await result.textContent()).trim();
      expect(text === 'Ping: done', `control answered: ${text}`);
      await details.locator('tr[data-metric="pings"] td.num', { hasText: /^1$/ }).waitFor({ timeout: 30000 });
      await shot(alice, '08-control-ran');
    });
    await step('open a shell on the host in the terminal', async () => {
      const details = alice.getByTestId('node-details');
      await details.getByRole('button', { name: 'Exec shell' }).click();
      const rows = alice.locator('[data-testid=terminal] .xterm-rows');
      await alice.getByTestId('terminal').waitFor({ timeout: 30000 });
      await alice.getByTestId('terminal').click();
      // A real login shell on the probe's host: only running the command prints 42.
      await alice.keyboard.type('echo scope-e2e-$((6*7))');
      await alice.keyboard.press('Enter');
      await rows.filter({ hasText: 'scope-e2e-42' }).waitFor({ timeout: 30000 });
      await shot(alice, '09-terminal');
      await alice.getByRole('button', { name: 'Close terminal' }).click();
    });
    await step('the audit log lists the control', async () => {
      await alice.getByRole('link', { name: 'Audit log' }).click();
      await alice.getByRole('table', { name: 'Audit log' }).getByText('testplugin~ping').first().waitFor();
      await shot(alice, '10-audit-log');
      await alice.goBack();
    });
  } else {
    skipped.push('plugin control: E2E_CONTROLS is not "yes" (the probe runs without the test plugin)');
    log('SKIP plugin control: E2E_CONTROLS is not "yes"');
  }

  // ---- Save a view and share it. ----
  let viewLink = '';
  await step('save the current view', async () => {
    await alice.goto(`/app/${encodeURIComponent(org)}/map/hosts?node=${encodeURIComponent(HOST_NODE)}`);
    await alice.getByTestId('node-details').waitFor();
    await alice.getByRole('button', { name: 'Save view' }).click();
    const dialog = alice.getByRole('dialog', { name: 'Save this view' });
    await dialog.getByLabel('Name').fill('E2E host view');
    await dialog.getByRole('button', { name: 'Save view' }).click();
    viewLink = (await alice.getByTestId('view-link').textContent()).trim();
    expect(viewLink.startsWith(`${BASE}/app/${org}/views/`), `view link ${viewLink}`);
    await shot(alice, '11-view-saved');
    await alice.getByRole('button', { name: 'Done' }).click();
    await alice.getByRole('link', { name: 'Views' }).click();
    await alice.getByRole('table', { name: 'Views' }).getByText('E2E host view').waitFor();
    await shot(alice, '12-views');
  });
  await step('rename the saved view', async () => {
    await alice.getByRole('button', { name: 'Edit E2E host view' }).click();
    const dialog = alice.getByRole('dialog', { name: 'Edit view' });
    await dialog.getByLabel('Name').fill('E2E hosts');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await alice.getByTestId('views-done').filter({ hasText: 'E2E hosts' }).waitFor();
    await alice.getByRole('table', { name: 'Views' }).getByText('E2E hosts', { exact: true }).waitFor();
  });
  let inviteSecret = '';
  await step('invite a teammate', async () => {
    await alice.getByRole('link', { name: 'Team' }).click();
    await alice.getByRole('form', { name: 'Invite' }).getByRole('button', { name: 'Create invitation' }).click();
    const link = (await alice.getByTestId('invite-link').textContent()).trim();
    inviteSecret = link.substring(link.lastIndexOf('/invite/') + '/invite/'.length);
    expect(inviteSecret.length > 10, `invite link ${link}`);
    await shot(alice, '13-team');
  });
  await step('the tokens and probes pages list the token and the probe', async () => {
    await alice.getByRole('link', { name: 'Tokens' }).click();
    await alice.getByRole('table', { name: 'Tokens' }).getByText('default').waitFor();
    await alice.getByRole('link', { name: 'Probes' }).click();
    await alice.getByRole('table', { name: 'Probes' }).getByText('connected').first().waitFor();
    await alice.getByRole('table', { name: 'Probes' }).getByText('ready').first().waitFor();
    await shot(alice, '14-probes');
  });

  await step('time travel: the map as it was before the live window, read back from Kafka', async () => {
    // 16 s ago is older than the 15 s live window, so the service rebuilds it from the topic; that
    // instant must come after the probe's first report, so wait until it does.
    await alice.waitForTimeout(Math.max(0, probeSeenAt + 18_000 - Date.now()));
    const at = new Date(Date.now() - 16_000).toISOString();
    await alice.goto(`/app/${encodeURIComponent(org)}/map/hosts?at=${encodeURIComponent(at)}`);
    await alice.locator('[data-testid=map-status][data-status=paused]').waitFor();
    await alice.getByTestId('time-travel').waitFor();
    await alice.locator(hostNode()).waitFor({ timeout: 30000 });
    await shot(alice, '14b-time-travel');
    await alice.getByRole('button', { name: 'Back to live' }).click();
    await alice.locator('[data-testid=map-status][data-status=live]').waitFor();
  });

  // ---- Bob joins the org and opens the view. ----
  const bob = await newUser();
  await step('a second user joins by the invitation and opens the view by its link', async () => {
    await bob.goto(`/invite/${inviteSecret}`);
    await bob.getByRole('form', { name: 'Sign up' }).waitFor();
    await bob.getByLabel('Email').fill(users.bob);
    await bob.getByLabel('Password').fill(PASSWORD);
    await bob.getByRole('button', { name: 'Sign up' }).click();
    await bob.getByRole('button', { name: /^Join / }).click();
    await bob.waitForURL(`**/app/${org}/map**`);
    await bob.goto(viewLink);
    await bob.waitForURL('**/map/hosts?**view=**');
    await bob.getByTestId('details-label').filter({ hasText: hostLabel() }).waitFor();
    await bob.locator(`g.node.selected[data-node-id="${HOST_NODE}"]`).waitFor();
    await shot(bob, '15-second-user-view');
  });

  // ---- Carol, of another org, cannot. ----
  const carol = await newUser();
  await step("a user of another org cannot open the view, and sees no probes in her own org", async () => {
    await signUp(carol, users.carol, 'Other Org ' + run);
    await carol.waitForURL('**/app/*/setup');
    const own = decodeURIComponent(new URL(carol.url()).pathname.split('/')[2]);
    await carol.goto(`/app/${encodeURIComponent(own)}/map/hosts`);
    await carol.getByTestId('no-probes').waitFor();
    await shot(carol, '16-no-probes');
    await carol.goto(viewLink);
    await carol.getByTestId('org-not-found').waitFor();
    const status = await carol.evaluate(
      async ([o, id]) => {
        const v = await fetch(`/api/orgs/${o}/views/${id}`);
        const t = await fetch(`/api/app/${o}/api/topology/hosts`);
        return [v.status, t.status];
      },
      [org, viewLink.substring(viewLink.lastIndexOf('/') + 1)],
    );
    expect(status[0] === 404 && status[1] === 404, `another org's view and map answered ${status}`);
    await shot(carol, '17-other-org-refused');
  });

  log(`all ${steps} steps passed${skipped.length ? `; skipped: ${skipped.join('; ')}` : ''}`);
  for (const s of skipped) console.log(`@@skipped ${s}`);
  await browser.close();
  process.exit(0);
} catch (e) {
  console.error(`[e2e] FAILED at "${current}": ${e.stack ?? e}`);
  if (lastPage) {
    try {
      await shot(lastPage, `FAILED-${current.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`);
    } catch {
      // the page is gone
    }
  }
  await browser.close();
  process.exit(1);
}
