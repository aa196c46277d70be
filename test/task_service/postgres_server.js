// A PostgreSQL 15 server of the test's own: initdb in a temporary folder, a
// free port on 127.0.0.1, stopped (and the folder removed) at the end. Run as
// the package's `postgres` user when the test runs as root (CI does; initdb
// refuses root).
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

const bin = process.env.ALICLOUD_PG_BIN || '/usr/lib/postgresql/15/bin';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function asServerUser(command, args) {
  const root = process.getuid() === 0;
  const r = root ? spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8' })
    : spawnSync(command, args, { encoding: 'utf8' });
  if (r.status !== 0)
    throw new Error(`${path.basename(command)} ${args.join(' ')}: ${r.status} ${r.stderr || ''}${r.stdout || ''}`);
  return r;
}

// durable: fsync as a production server does (figures.js); the tests turn it
// off, since they kill replicas, not the server's machine.
async function startPostgres({ durable = false } = {}) {
  if (!fs.existsSync(path.join(bin, 'initdb')))
    throw new Error(`no PostgreSQL 15 in ${bin} (cmake/install-deps.sh installs postgresql-15)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'task-service-pg-'));
  if (process.getuid() === 0) {
    const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout);
    const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout);
    fs.chownSync(dir, uid, gid);
  }
  const data = path.join(dir, 'data');
  asServerUser(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200${durable ? '' : ' -c fsync=off'}`;
  const pgctl = (...args) => asServerUser(path.join(bin, 'pg_ctl'), ['-D', data, '-l', path.join(dir, 'log'), ...args]);
  const start = () => pgctl('-o', options, '-w', '-t', '30', 'start');
  start();
  let running = true;
  return {
    port,
    conninfo: `postgresql:host=127.0.0.1 port=${port} user=postgres dbname=postgres`,
    // The server goes away (connections cut), and comes back on the same port.
    stop: () => { pgctl('-m', 'immediate', '-w', 'stop'); running = false; },
    start: () => { start(); running = true; },
    psql: (sql) => asServerUser(path.join(bin, 'psql'),
      ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-At', '-c', sql]).stdout.trim(),
    destroy: () => {
      try { if (running) pgctl('-m', 'immediate', '-w', 'stop'); } catch (e) { /* already gone */ }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

module.exports = { startPostgres };
