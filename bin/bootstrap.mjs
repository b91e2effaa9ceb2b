#!/usr/bin/env node
// First-command bootstrap for `npm start`, `npm test`, `npm run demo`, `npm run bench`.
// Uses only Node's standard library, because node_modules may not exist yet: it installs
// what a fresh machine lacks (node_modules; redis-server and PostgreSQL as root) or stops
// with one line saying what to run, then hands over to the real command.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [command, ...rest] = process.argv.slice(2);
const isRoot = process.getuid?.() === 0;

function fail(line) {
  console.error(`crosscheck: ${line}`);
  process.exit(1);
}

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.error) fail(`${cmd} could not start: ${result.error.message}`);
  return result.status ?? 1;
}

function onPath(binary) {
  return spawnSync('sh', ['-c', `command -v ${binary}`], { stdio: 'ignore' }).status === 0;
}

function postgresBinDir() {
  if (onPath('initdb')) return undefined;
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base).filter((v) => existsSync(path.join(base, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(base, versions[0], 'bin') : null;
}

function aptInstall(packages, why) {
  if (!isRoot) fail(`${why}: run \`sudo apt-get install -y ${packages.join(' ')}\` and try again`);
  console.error(`crosscheck: installing ${packages.join(', ')} (${why})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (run('apt-get', ['update', '-qq'], { env }) !== 0 || run('apt-get', ['install', '-y', '-qq', ...packages], { env }) !== 0) {
    fail(`apt-get could not install ${packages.join(' ')}; install it by hand and try again`);
  }
}

if (!existsSync(path.join(root, 'node_modules', '.package-lock.json'))) {
  console.error('crosscheck: node_modules missing, running npm ci');
  if (run('npm', ['ci', '--no-audit', '--no-fund']) !== 0) fail('npm ci could not install the dependencies; see the output above');
}

const needsRedis = command === 'test' || command === 'bench' || !process.env.REDIS_URL;
if (needsRedis && !onPath('redis-server')) aptInstall(['redis-server'], 'the private Redis needs redis-server');

const env = { ...process.env };
if (command === 'test' || command === 'bench') {
  let pgBin = postgresBinDir();
  if (pgBin === null) {
    aptInstall(['postgresql'], 'tests run against a real PostgreSQL');
    pgBin = postgresBinDir();
  }
  if (pgBin) env.PATH = `${pgBin}:${env.PATH}`;
  // The workspace tests drive Debian's chromium headless (no browser is downloaded).
  if (!process.env.CHROMIUM_PATH && !existsSync('/usr/bin/chromium')) aptInstall(['chromium'], 'the workspace tests need a real browser');
}

const entry = {
  up: ['bin/crosscheck.mjs', 'up'],
  demo: ['bin/crosscheck.mjs', 'demo'],
  test: ['node_modules/vitest/vitest.mjs', 'run'],
  bench: ['--import', 'tsx', 'bench/run.ts'],
}[command];
if (!entry) fail(`unknown bootstrap command "${command}" (expected up, demo, test or bench)`);
// Spawned (not exec'd): forward SIGINT/SIGTERM so the child shuts down cleanly and its exit code is ours.
const child = spawn(process.execPath, [...entry, ...rest], { stdio: 'inherit', cwd: root, env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
