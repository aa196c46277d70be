// Figures for the task stores (issue 19): tasks per second through one
// replica on SQLite, and one and three replicas on one PostgreSQL (started
// here); p50 and p99 of POST /tasks (the time to a durable 202); each
// replica's RSS. A program to run, not a test: nothing here passes or fails
// on a number. Loopback only; the emulator answers the jobs' ECS calls.
// usage: node figures.js <alicloud-task-service> <alicloud-ecs-emulator> [tasks]
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { startService, runScenario, check } = require('./service_harness');
const { startPostgres } = require('./postgres_server');

const [servicePath, emulatorPath, count] = process.argv.slice(2);
const tasks = Number(count || 2000);
const concurrency = 64; // POSTs in flight at once, over the replicas

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(name, replicas) {
  const latencies = [];
  const started = process.hrtime.bigint();
  let next = 0;
  const ids = [];
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < tasks) {
      const i = next++;
      const t0 = process.hrtime.bigint();
      const r = await replicas[i % replicas.length].call('POST', '/tasks', { job: 'describe_instances' });
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      check(r.status === 202, `${name}: POST accepted`, r.text);
      ids.push(r.json.id);
    }
  }));
  // Done when no task waits or runs anywhere (any replica sees every task).
  for (;;) {
    const open = await Promise.all(['queued', 'running'].map((s) => replicas[0].call('GET', `/tasks?status=${s}&limit=1`)));
    if (open.every((r) => r.json.tasks.length === 0)) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  const rss = replicas.map((r) => Math.round(r.rssKiB() / 1024));
  console.log(`${name.padEnd(26)} ${String(Math.round(tasks / seconds)).padStart(6)} tasks/s` +
    `   POST p50 ${percentile(latencies, 50).toFixed(1).padStart(6)} ms  p99 ${percentile(latencies, 99).toFixed(1).padStart(6)} ms` +
    `   RSS ${rss.map((m) => `${m} MiB`).join(', ')}`);
  for (const r of replicas) r.proc.kill('SIGTERM');
  for (const r of replicas) await r.exited;
}

runScenario(emulatorPath, async (emu) => {
  const common = ['--max-running', '32', '--max-queued', String(tasks), '--claim-interval-ms', '200', '--keep-finished-ms', '3600000'];
  console.log(`${tasks} describe_instances tasks, ${concurrency} POSTs in flight, ${os.cpus().length} CPUs`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'task-service-figures-'));
  const pg = await startPostgres({ durable: true }); // fsync on, as SQLite's synchronous=FULL
  try {
    await measure('memory, 1 replica', [await startService(servicePath, emu, ['--store', 'memory', ...common])]);
    await measure('SQLite, 1 replica', [await startService(servicePath, emu,
      ['--store', `sqlite:${path.join(dir, 'tasks.sqlite')}`, ...common])]);
    await measure('PostgreSQL, 1 replica', [await startService(servicePath, emu, ['--store', pg.conninfo, ...common])]);
    pg.psql('DELETE FROM tasks');
    const three = [];
    for (let i = 0; i < 3; i++) three.push(await startService(servicePath, emu, ['--store', pg.conninfo, ...common]));
    await measure('PostgreSQL, 3 replicas', three);
  } finally {
    pg.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 'figures done', { stateMs: 50 });
