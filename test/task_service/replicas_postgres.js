// alicloud-task-service replicas on one PostgreSQL (started here, see
// postgres_server.js): 1,000 tasks through 3 replicas with one killed
// (kill -9) part-way - every task ends once, none is lost, no instance is
// made twice; GET, paging and DELETE from any replica, a DELETE reaching the
// replica that runs the task at once (LISTEN/NOTIFY, not the heartbeat);
// the global queue limit; the database away (503) and back (no restart);
// start-up refusals (unreachable, newer schema) with exit status 3.
// usage: node replicas_postgres.js <alicloud-task-service> <alicloud-ecs-emulator>
'use strict';
const { spawnSync } = require('child_process');
const { startService, poll, check, finished, loggedEnds, runScenario } = require('./service_harness');
const { startPostgres } = require('./postgres_server');

const [servicePath, emulatorPath] = process.argv.slice(2);
const tasks = 1000;
const runJob = { job: 'run_instances_and_wait',
  params: { image_id: 'ubuntu_22_04_x64_20G_alibase_20230907.vhd', instance_type: 'ecs.g7.large', amount: 1, poll_interval_ms: 50 } };
const env = { ALIBABA_CLOUD_ACCESS_KEY_ID: 'testid', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'testsecret' };

// Every task, read page by page from the replicas in turn: ids in strict
// order, none twice.
async function listAll(replicas, query = '') {
  const all = [];
  let after = '';
  for (let page = 0; ; page++) {
    const svc = replicas[page % replicas.length];
    const r = await svc.call('GET', `/tasks?limit=200${query}${after ? `&after=${after}` : ''}`);
    if (r.status !== 200) throw new Error(`GET /tasks: ${r.status} ${r.text}`);
    all.push(...r.json.tasks);
    if (!r.json.next) break;
    after = r.json.next;
  }
  return all;
}

async function waitAllFinished(replicas, count, ms) {
  for (const end = Date.now() + ms; Date.now() < end;) {
    const all = await listAll(replicas);
    if (all.length >= count && all.every((t) => finished.has(t.status))) return all;
    await new Promise((r) => setTimeout(r, 200));
  }
  return listAll(replicas);
}

// Asks again while the answer is 503 (Retry-After), for at most 15 s.
async function untilAccepted(svc, method, target, body) {
  let r;
  for (const end = Date.now() + 15000; Date.now() < end; await new Promise((ok) => setTimeout(ok, 100))) {
    r = await svc.call(method, target, body);
    if (r.status !== 503) break;
  }
  return r;
}

function refusedAtStart(args, what, message) {
  const r = spawnSync(servicePath, ['--listen', '127.0.0.1:0', ...args], { encoding: 'utf8', timeout: 20000, env: { ...process.env, ...env } });
  check(r.status === 3 && r.stderr.includes('cannot be opened') && r.stderr.includes(message),
    `${what}: a clear error and exit status 3`, { status: r.status, stderr: r.stderr });
}

async function killOneMidRun(emu, pg) {
  const replicaArgs = (i) => ['--store', pg.conninfo, '--replica-id', `r${i}`, '--max-running', '16',
    '--max-queued', String(tasks), '--lease-ms', '1500', '--claim-interval-ms', '100', '--keep-finished-ms', '600000'];
  const replicas = [];
  for (let i = 0; i < 3; i++) replicas.push(await startService(servicePath, emu, replicaArgs(i)));
  const instancesBefore = await emu.instanceCount();
  const started = Date.now();
  const answers = await Promise.all(Array.from({ length: tasks }, (_, i) => replicas[i % 3].call('POST', '/tasks', runJob)));
  const accepted = answers.filter((a) => a.status === 202).map((a) => a.json);
  check(accepted.length === tasks, 'every task accepted (202)', answers.filter((a) => a.status !== 202).map((a) => a.text).slice(0, 3));
  // Mid-run: a third of the instances asked for, then replica 1 dies with what it holds.
  await emu.waitFor({ logged: { action: 'RunInstances', count: Math.floor(tasks / 3) }, timeout_ms: 60000 });
  const killed = replicas[1];
  killed.proc.kill('SIGKILL');
  await killed.exited;
  const survivors = [replicas[0], replicas[2]];
  const all = await waitAllFinished(survivors, tasks, 120000);
  const seconds = (Date.now() - started) / 1000;

  const byId = new Map(all.map((t) => [t.id, t]));
  check(all.length === tasks && accepted.every((t) => byId.has(t.id)), 'no accepted task lost', { listed: all.length });
  check(new Set(all.map((t) => t.id)).size === all.length, 'paging across replicas shows no task twice');
  check(all.every((t, i) => i === 0 || all[i - 1].id < t.id), 'pages come in id order across replicas');
  const statuses = {};
  for (const t of all) statuses[t.status] = (statuses[t.status] || 0) + 1;
  check(statuses.succeeded === tasks, 'every task succeeded', statuses);
  const ends = loggedEnds(replicas.map((r) => r.output()));
  const twice = [...ends].filter(([, s]) => s.length > 1);
  check(twice.length === 0, 'no task ended twice (one end logged at most, over all replicas)', twice.slice(0, 3));
  const disagree = all.filter((t) => ends.has(t.id) && ends.get(t.id)[0] !== t.status);
  check(disagree.length === 0, 'the logged end is the stored one', disagree.slice(0, 3));
  const rerun = all.filter((t) => t.attempts > 1);
  check(rerun.length > 0, 'the killed replica\'s running tasks were taken over by the others', statuses);

  // ClientToken: each task's RunInstances carry its token, however often it ran.
  const runs = (await emu.requests()).filter((r) => r.action === 'RunInstances');
  const tokens = new Map();
  for (const r of runs) tokens.set(r.client_token, (tokens.get(r.client_token) || 0) + 1);
  check(all.every((t) => tokens.has(t.client_token)) && tokens.size === tasks,
    'every RunInstances carried its task\'s ClientToken', { tokens: tokens.size });
  const made = (await emu.instanceCount()) - instancesBefore;
  check(made === tasks, 'one instance per task: no RunInstances made anything twice', { made, runInstances: runs.length });
  const ids = new Set(all.flatMap((t) => t.result.instance_ids));
  check(ids.size === tasks, 'every task names its own instance', ids.size);
  console.log(`${tasks} tasks, 3 replicas, one killed: ${seconds} s; ${rerun.length} taken over; ` +
    `${runs.length} RunInstances for ${tokens.size} tokens, ${made} instances made; statuses ${JSON.stringify(statuses)}`);
  for (const r of survivors) r.proc.kill('SIGTERM');
  for (const r of survivors) check((await r.exited).code === 0, 'a surviving replica exits 0');
}

// A DELETE on one replica of a task another runs: cancelled there promptly.
async function crossReplicaDelete(emu, a, b, what) {
  await emu.clearFaults();
  await emu.addFault({ action: 'DescribeInstances', latency_ms: 20000 });
  const submitted = await a.call('POST', '/tasks', { job: 'describe_instances' });
  const id = submitted.json.id;
  const running = await poll(a, id, (t) => t.status === 'running');
  const runner = running.runner === 'a' ? a : b;
  const other = runner === a ? b : a;
  await emu.waitFor({ logged: { action: 'DescribeInstances', count: 1 } });
  const start = Date.now();
  const del = await other.call('DELETE', `/tasks/${id}`);
  check(del.status === 202, `${what}: DELETE on the other replica is 202`, del.json);
  const ended = await poll(other, id, (t) => finished.has(t.status), 5000);
  const took = Date.now() - start;
  // The heartbeat (a third of the 60 s lease) would take 20 s: this is the notice.
  check(ended.status === 'cancelled' && ended.error.code === 'Cancelled' && took < 3000,
    `${what}: cancelled on its runner within 3 s`, { took, ended });
  await emu.clearFaults();
  return took;
}

async function globalQueueLimit(emu, a, b) {
  await emu.addFault({ action: 'DescribeInstances', latency_ms: 20000 });
  const answers = [];
  for (let i = 0; i < 12; i++) {
    const r = await (i % 2 ? b : a).call('POST', '/tasks', { job: 'describe_instances' });
    answers.push(r);
    if (r.status === 429) break;
  }
  const full = answers[answers.length - 1];
  check(full.status === 429 && full.headers['retry-after'] === '1' && full.json.error.code === 'TooManyTasks',
    '429 with Retry-After once the queue over both replicas is full', { status: full.status, body: full.json });
  const queued = (await listAll([a, b], '&status=queued')).length;
  check(queued === 3, 'the limit (3) holds over both replicas', { queued, accepted: answers.length - 1 });
  const open = (await listAll([a, b])).filter((t) => !finished.has(t.status));
  for (const t of open) await b.call('DELETE', `/tasks/${t.id}`);
  for (const t of open) await poll(a, t.id, (x) => finished.has(x.status), 5000);
  await emu.clearFaults();
}

async function databaseAway(emu, pg, a, b) {
  // A task runs through the outage: it started before and ends after (its
  // first page is slow; the others, of the 1,000 instances made above, not).
  await emu.addFault({ action: 'DescribeInstances', latency_ms: 1500, times: 1 });
  const through = (await a.call('POST', '/tasks', { job: 'describe_instances' })).json.id;
  await poll(a, through, (t) => t.status === 'running');
  pg.stop();
  const refused = await a.call('POST', '/tasks', { job: 'describe_instances' });
  check(refused.status === 503 && refused.json.error.code === 'StoreUnavailable' && refused.headers['retry-after'] === '1',
    '503 StoreUnavailable with Retry-After for a submission while the database is away', refused.json);
  const read = await b.call('GET', `/tasks/${through}`);
  check(read.status === 503, 'a GET while it is away is 503 too', read.json);
  pg.start();
  // Each replica finds it back at its next try (it tries at most every 250 ms).
  const back = await untilAccepted(b, 'POST', '/tasks', { job: 'describe_instances' });
  check(back.status === 202, 'submissions are taken again once the database is back, without a restart', back.json);
  const readAgain = await untilAccepted(a, 'GET', `/tasks/${through}`);
  check(readAgain.status === 200, 'the other replica answers again too, without a restart', readAgain.json);
  const ended = await poll(a, through, (t) => finished.has(t.status), 15000);
  check(ended.status === 'succeeded' && ended.attempts === 1,
    'the task running through the outage kept its state and recorded its end afterwards', ended);
  await poll(b, back.json.id, (t) => finished.has(t.status), 15000);
  await emu.clearFaults();
}

runScenario(emulatorPath, async (emu) => {
  const pg = await startPostgres();
  try {
    refusedAtStart(['--store', 'postgresql:host=127.0.0.1 port=1 user=postgres connect_timeout=2'],
      'an unreachable database', 'PostgreSQL');
    await killOneMidRun(emu, pg);

    const args = (name) => ['--store', pg.conninfo, '--replica-id', name, '--max-running', '1', '--max-queued', '3',
      '--lease-ms', '60000', '--claim-interval-ms', '100'];
    const a = await startService(servicePath, emu, args('a'));
    const b = await startService(servicePath, emu, args('b'));
    const first = await crossReplicaDelete(emu, a, b, 'cross-replica DELETE');
    await globalQueueLimit(emu, a, b);
    await databaseAway(emu, pg, a, b);
    const again = await crossReplicaDelete(emu, a, b, 'cross-replica DELETE after the database came back');
    console.log(`cross-replica DELETE to cancelled: ${first} ms; after the outage: ${again} ms`);
    a.proc.kill('SIGTERM');
    b.proc.kill('SIGTERM');
    check((await a.exited).code === 0 && (await b.exited).code === 0, 'both replicas exit 0');

    pg.psql('INSERT INTO schema_version (version, applied_ms) VALUES (99, 0)');
    refusedAtStart(['--store', pg.conninfo], 'a database of a newer schema', 'newer than this service knows');
  } finally {
    pg.destroy();
  }
}, 'PostgreSQL replica checks passed', { stateMs: 50 });
