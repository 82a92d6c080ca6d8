// End-to-end for the account lifecycle (issue 21): the real standalone service and Debian's
// Chromium, driven by playwright-core. Sign up, turn on two-factor sign-in (the code computed
// here as an authenticator app does, RFC 6238), log out, forget the password, take the reset
// link from the mail, choose a new password, and sign in with it and a fresh code.
//
//   BASE_URL=http://localhost:4040 node e2e/accounts.mjs
//
// It prints `@@mail <email>` once it asked for the reset link, and waits on stdin for
// `@@link <url>`: the link from the mail (AccountsBrowserE2EIT reads it from the service's log,
// where a service without SMTP puts it for the operator). Without a harness, paste the link.
import { createHmac } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

const BASE = (process.env.BASE_URL ?? '').replace(/\/$/, '');
if (!BASE) {
  console.error('BASE_URL is required, e.g. BASE_URL=http://localhost:4040 node e2e/accounts.mjs');
  process.exit(2);
}
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = resolve(process.env.SCREENSHOTS ?? 'target/screenshots');
mkdirSync(SHOTS, { recursive: true });

const lines = [];
const waiting = [];
createInterface({ input: process.stdin }).on('line', (l) => (waiting.length ? waiting.shift()(l) : lines.push(l)));
const nextLine = (ms) =>
  new Promise((done, fail) => {
    if (lines.length) return done(lines.shift());
    const t = setTimeout(() => fail(new Error(`nothing on stdin in ${ms} ms`)), ms);
    waiting.push((l) => (clearTimeout(t), done(l)));
  });

/** RFC 6238 with SHA-1, 6 digits, 30 s steps, `steps` periods from now. */
function totp(base32, steps = 0) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of base32.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30000) + steps));
  const h = createHmac('sha1', key).update(counter).digest();
  const o = h[h.length - 1] & 0xf;
  return String((h.readUInt32BE(o) & 0x7fffffff) % 1000000).padStart(6, '0');
}

const run = Date.now().toString(36);
const email = `dana-${run}@example.com`;
const PASSWORD = 'first e2e passphrase ' + run;
const NEW_PASSWORD = 'second e2e passphrase ' + run;
let current = 'start';
let page = null;
const log = (m) => console.log(`[e2e-accounts] ${m}`);
const expect = (cond, message) => {
  if (!cond) throw new Error(message);
};
async function step(name, fn) {
  current = name;
  const t = Date.now();
  await fn();
  log(`ok   ${name} (${Date.now() - t} ms)`);
}
const shot = (name) => page.screenshot({ path: join(SHOTS, `${name}.png`) });

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, baseURL: BASE });
  context.setDefaultTimeout(20000);
  page = await context.newPage();
  page.on('pageerror', (e) => log(`page error: ${e.message}`));
  let secret = '';

  await step('sign up', async () => {
    await page.goto('/signup');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByLabel('Organisation name').fill('Accounts E2E ' + run);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.waitForURL('**/app/*/setup');
  });
  await step('the account page turns on two-factor sign-in with a QR code', async () => {
    await page.getByTestId('user-email').click();
    await page.waitForURL('**/account');
    await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    await page.getByAltText('QR code for your authenticator app').waitFor();
    secret = (await page.getByTestId('totp-secret').textContent()).trim();
    await shot('a1-two-factor-enrol');
    await page.getByLabel('Code from the app').fill(totp(secret));
    await page.getByRole('button', { name: 'Turn on' }).click();
    const codes = (await page.getByTestId('recovery-codes').textContent()).trim();
    expect(/[a-z0-9]{4}-[a-z0-9]{4}/.test(codes), `no recovery codes shown: ${codes}`);
    await page.getByTestId('two-factor-on').waitFor();
    await shot('a2-recovery-codes');
  });
  await step('log out, then ask for a reset link', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL('**/login');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.waitForURL('**/forgot-password');
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.getByTestId('forgot-sent').waitFor();
    await shot('a3-forgot-sent');
  });
  let link = '';
  await step('the reset mail arrives', async () => {
    console.log(`@@mail ${email}`);
    const answer = (await nextLine(60000)).trim();
    expect(answer.startsWith('@@link '), `the harness answered "${answer}"`);
    link = answer.substring('@@link '.length);
    expect(link.includes('/reset-password#'), `not a reset link: ${link}`);
  });
  await step('the link opens the reset page, which sets the new password', async () => {
    const url = new URL(link);
    await page.goto(url.pathname + url.hash);
    await page.getByLabel(/^New password(?! again)/).fill(NEW_PASSWORD);
    await page.getByLabel('New password again').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByTestId('reset-done').waitFor();
    await shot('a4-reset-done');
  });
  await step('the old password no longer signs in', async () => {
    await page.goto('/login');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByText('that email and password do not match an account').waitFor();
  });
  await step('the new password and a fresh code sign in', async () => {
    await page.getByLabel('Password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    // the enrolment used this step's code: an app shows the next one soon; it is accepted now
    await page.getByLabel('Code', { exact: true }).fill(totp(secret, 1));
    await shot('a5-second-factor');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/app/**');
    expect((await page.getByTestId('user-email').textContent()).trim() === email, 'not signed in as ' + email);
    await shot('a6-signed-in');
  });
  await browser.close();
  log('all steps passed');
  process.exit(0);
} catch (e) {
  log(`FAILED at "${current}": ${e.stack ?? e}`);
  if (page) await page.screenshot({ path: join(SHOTS, `FAILED-accounts.png`) }).catch(() => undefined);
  await browser.close();
  process.exit(1);
}
