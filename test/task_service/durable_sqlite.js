// alicloud-task-service on SQLite (the default store): tasks outlive the
// process. A kill -9 with tasks queued and running: after a restart the
// queued ones run and the running ones are taken over once their lease has
// passed, their RunInstances sent again with the same ClientToken (the
// emulator makes nothing twice); a shutdown puts an interrupted task back in
// the queue; finished tasks are purged; a corrupt, read-only or unopenable
// file is refused with a clear error and exit status 3.
// usage: node durable_sqlite.js <alicloud-task-service> <alicloud-ecs-emulator>
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { startService, poll, check, finished, runScenario } = require('./service_harness');

const [servicePath, emulatorPath] = process.argv.slice(2);
const runJob = { job: 'run_instances_and_wait',
  params: { image_id: 'ubuntu_22_04_x64_20G_alibase_20230907.vhd', instance_type: 'ecs.g7.large', amount: 1, poll_interval_ms: 50 } };

function refused(file, what, message) {
  const r = spawnSync(servicePath, ['--listen', '127.0.0.1:0', '--store', `sqlite:${file}`], { encoding: 'utf8', timeout: 20000 });
  check(r.status === 3 && r.stderr.includes('cannot be opened') && r.stderr.includes(message),
    `${what}: a clear error and exit status 3`, { status: r.status, stderr: r.stderr });
}

function badFiles(dir) {
  const corrupt = path.join(dir, 'corrupt.sqlite');
  fs.writeFileSync(corrupt, 'this is not an SQLite database, whatever its name says\n'.repeat(100));
  refused(corrupt, 'a file that is not a database', 'file is not a database');
  refused(path.join(dir, 'no', 'such', 'folder', 'tasks.sqlite'), 'a file that cannot be created', 'unable to open database file');

  return path.join(dir, 'read-only.sqlite');
}

async function readOnlyFile(emu, dir, readOnly) {
  // A real database, made by the service, then left unwritable. Root
  // writes any file, so the service runs as `nobody` then, from a copy it
  // may execute wherever this tree is.
  const svc = await startService(servicePath, emu, ['--store', `sqlite:${readOnly}`]);
  svc.proc.kill('SIGTERM');
  await svc.exited;
  fs.chmodSync(readOnly, 0o444);
  for (const f of [`${readOnly}-wal`, `${readOnly}-shm`]) fs.rmSync(f, { force: true });
  const args = ['--listen', '127.0.0.1:0', '--store', `sqlite:${readOnly}`];
  let r;
  if (process.getuid() === 0) {
    const copy = path.join(dir, 'alicloud-task-service');
    fs.copyFileSync(servicePath, copy);
    fs.chmodSync(copy, 0o755);
    fs.chmodSync(dir, 0o755);
    r = spawnSync('runuser', ['-u', 'nobody', '--', copy, ...args], { encoding: 'utf8', timeout: 20000 });
  } else {
    r = spawnSync(servicePath, args, { encoding: 'utf8', timeout: 20000 });
  }
  check(r.status === 3 && r.stderr.includes('is read-only'), 'a read-only file: a clear error and exit status 3',
    { status: r.status, stderr: r.stderr });
}

async function restartAfterKill(emu, file) {
  const args = ['--store', `sqlite:${file}`, '--max-running', '2', '--lease-ms', '1000', '--claim-interval-ms', '100'];
  const instancesBefore = await emu.instanceCount();
  // The instances never look Running to the jobs: they wait, after RunInstances.
  await emu.addFault({ action: 'DescribeInstances', latency_ms: 30000 });
  let svc = await startService(servicePath, emu, args);
  const running = [];
  for (let i = 0; i < 2; i++) running.push((await svc.call('POST', '/tasks', runJob)).json.id);
  const queued = [];
  for (let i = 0; i < 3; i++) queued.push((await svc.call('POST', '/tasks', { job: 'describe_instances' })).json.id);
  await emu.waitFor({ logged: { action: 'RunInstances', count: 2, finished: true } });
  const before = (await svc.call('GET', '/tasks')).json.tasks;
  check(before.filter((t) => t.status === 'running').length === 2 && before.filter((t) => t.status === 'queued').length === 3,
    'two running (their instances asked for) and three queued before the kill', before.map((t) => t.status));
  svc.proc.kill('SIGKILL');
  await svc.exited;
  await emu.clearFaults();

  const restartedAt = Date.now();
  svc = await startService(servicePath, emu, args);
  const ended = [];
  for (const id of [...running, ...queued]) ended.push(await poll(svc, id, (t) => finished.has(t.status), 20000));
  check(ended.every((t) => t.status === 'succeeded'), 'after the restart every task succeeded, none lost',
    ended.map((t) => t.status));
  check(ended.slice(0, 2).every((t) => t.attempts === 2) && ended.slice(2).every((t) => t.attempts === 1),
    'the running ones ran again (taken over), the queued ones once', ended.map((t) => t.attempts));
  const runs = (await emu.requests()).filter((r) => r.action === 'RunInstances');
  for (const t of ended.slice(0, 2)) {
    const mine = runs.filter((r) => r.client_token === t.client_token);
    check(mine.length === 2 && mine.every((r) => r.status === 200), 'its RunInstances was sent again with its ClientToken',
      { token: t.client_token, sent: mine.length });
  }
  const made = (await emu.instanceCount()) - instancesBefore;
  check(made === 2, 'two instances made for two tasks: the second RunInstances made nothing', made);
  check(new Set(ended.slice(0, 2).map((t) => t.result.instance_ids[0])).size === 2, 'each names its own instance');
  console.log(`restart: ${Date.now() - restartedAt} ms to finish 2 taken-over and 3 queued tasks; ` +
    `${runs.length} RunInstances, ${made} instances made`);
  return svc;
}

async function shutdownRequeues(emu, file, svc) {
  svc.proc.kill('SIGTERM');
  await svc.exited;
  const args = ['--store', `sqlite:${file}`, '--claim-interval-ms', '100', '--shutdown-grace-ms', '200'];
  await emu.addFault({ action: 'DescribeInstances', latency_ms: 30000 });
  svc = await startService(servicePath, emu, args);
  const id = (await svc.call('POST', '/tasks', { job: 'describe_instances' })).json.id;
  await poll(svc, id, (t) => t.status === 'running');
  svc.proc.kill('SIGTERM');
  const exit = await svc.exited;
  check(exit.code === 0 && /task \S+ describe_instances queued\n[^]*stopped: 0 running/.test(svc.output()),
    'a shutdown past its grace puts the running task back in the queue and exits 0', { exit, output: svc.output() });
  await emu.clearFaults();
  svc = await startService(servicePath, emu, [...args, '--keep-finished-ms', '1000']);
  const t = await poll(svc, id, (x) => finished.has(x.status), 20000);
  check(t.status === 'succeeded' && t.attempts === 2, 'it ran again at the next start', t);
  return { svc, id };
}

async function purged(svc, id) {
  let listed;
  for (const end = Date.now() + 10000; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
    listed = (await svc.call('GET', '/tasks')).json.tasks;
    if (listed.length === 0) break;
  }
  check(listed.length === 0, 'finished tasks are purged after --keep-finished-ms', listed.length);
  const gone = await svc.call('GET', `/tasks/${id}`);
  check(gone.status === 404, 'a purged task is 404', gone.status);
  svc.proc.kill('SIGTERM');
  check((await svc.exited).code === 0, 'the service exits 0');
}

runScenario(emulatorPath, async (emu) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'task-service-sqlite-'));
  try {
    const readOnly = badFiles(dir);
    await readOnlyFile(emu, dir, readOnly);
    const file = path.join(dir, 'tasks.sqlite');
    const svc = await restartAfterKill(emu, file);
    const { svc: last, id } = await shutdownRequeues(emu, file, svc);
    await purged(last, id);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 'SQLite durability checks passed', { stateMs: 50 });
