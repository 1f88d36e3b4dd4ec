#!/usr/bin/env node
// Before `npm test`: the tools the tests drive must be here, because no test is skipped for a
// missing one. Chromium runs the browser tests (playwright-core, no browser download), hledger
// and bean-check check the ledger and beancount exports. As
// root with apt, what is missing is installed; otherwise this stops with the one command to run.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const tools = [
  { name: 'Chromium', pkg: 'chromium', present: () => executable(CHROMIUM) },
  { name: 'hledger', pkg: 'hledger', present: () => onPath('hledger') },
  {
    name: 'bean-check',
    pkg: 'beancount',
    // Running it proves its Python has the beancount module, which the load-back test also uses.
    present: () => onPath('bean-check') && ok('bean-check', ['--help']),
  },
];

function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(cmd) {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && executable(path.join(dir, cmd)));
}

function ok(cmd, args) {
  return spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return r.status === 0;
}

const missing = () => tools.filter((t) => !t.present());
let lacking = missing();
if (lacking.length === 0) process.exit(0);

const pkgs = lacking.map((t) => t.pkg);
const canInstall = process.getuid?.() === 0 && onPath('apt-get');
if (canInstall) {
  console.error(`pretest: installing ${lacking.map((t) => t.name).join(', ')} with apt-get (${pkgs.join(' ')})…`);
  // A fresh machine has no package lists yet; an install that fails with old lists gets one retry after an update.
  if (!run('apt-get', ['install', '-y', '-qq', ...pkgs])) {
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', ...pkgs]);
  }
  lacking = missing();
  if (lacking.length === 0) process.exit(0);
}

const names = lacking.map((t) => t.name).join(', ');
const where = lacking.some((t) => t.pkg === 'chromium') && process.env.CHROMIUM_PATH ? ` (CHROMIUM_PATH=${CHROMIUM})` : '';
console.error(
  `The tests need ${names}${where}, which ${lacking.length === 1 ? 'is' : 'are'} not installed; run \`sudo apt-get install -y ${lacking.map((t) => t.pkg).join(' ')}\` and then \`npm test\` again.`,
);
process.exit(1);
