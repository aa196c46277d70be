// alicloud-task-service end to end: the emulator and the service as
// processes, driven over real HTTP - every endpoint, every status, every
// 400/404/429, a cancel that reaches the emulator, a timeout, and graceful
// shutdowns with jobs in flight.
// usage: node end_to_end.js <alicloud-task-service> <alicloud-ecs-emulator>
'use strict';
const { spawnSync } = require('child_process');
const { sleep, startService, poll, check, finished, runScenario } = require('./service_harness');

const [servicePath, emulatorPath] = process.argv.slice(2);
const runJob = { job: 'run_instances_and_wait',
  params: { image_id: 'ubuntu_22_04_x64_20G_alibase_20230907.vhd', instance_type: 'ecs.g7.large', amount: 2, poll_interval_ms: 50 } };

// A bad command line ends the service at once with status 2, naming the option.
function badUsage() {
  for (const listen of ['8080', '127.0.0.1:70000', 'example.com:80', '127.0.0.1:']) {
    const r = spawnSync(servicePath, ['--listen', listen], { encoding: 'utf8', timeout: 10000 });
    check(r.status === 2 && r.stderr.includes(`--listen: '${listen}' is not a valid value`),
      `--listen ${listen} is bad usage`, { status: r.status, stderr: r.stderr });
  }
}

async function badInput(svc) {
  const cases = [
    ['{"job":', 'MalformedJSON', 'not JSON'],
    ['[1,2]', 'MalformedJSON', 'JSON object'],
    [{ job: 'reboot_everything' }, 'UnknownJob', "unknown job 'reboot_everything'"],
    [{ params: {} }, 'MissingParameter', "'job' is required"],
    [{ job: 'run_instances_and_wait', params: { instance_type: 'ecs.g7.large' } }, 'MissingParameter', "'params.image_id'"],
    [{ job: 'describe_instances', params: { page_size: 'ten' } }, 'InvalidParameter', "'params.page_size' must be an integer"],
    [{ job: 'describe_instances', params: { colour: 'blue' } }, 'InvalidParameter', "'params.colour' is not a parameter"],
    [{ job: 'stop_instances_and_wait', params: { instance_ids: 'i-1' } }, 'InvalidParameter', "'params.instance_ids' must be an array"],
    [{ job: 'describe_instances', timeout_ms: 0 }, 'InvalidParameter', "'timeout_ms' must be an integer"],
    [{ job: 'describe_instances', timeout_ms: 7200000 }, 'InvalidParameter', "'timeout_ms' must be at most"],
    [{ job: 'describe_instances', priority: 1 }, 'InvalidParameter', "'priority' is not a field"],
  ];
  for (const [body, code, message] of cases) {
    const r = await svc.call('POST', '/tasks', body);
    check(r.status === 400 && r.json.error.code === code && r.json.error.message.includes(message),
      `400 ${code} for ${JSON.stringify(body)}`, r.json);
  }
  const huge = await svc.call('POST', '/tasks', `{"job":"describe_instances","pad":"${'x'.repeat(64 * 1024)}"}`);
  check(huge.status === 413 && huge.json.error.code === 'BodyTooLarge' && huge.headers.connection === 'close',
    '413 BodyTooLarge for a body over 64 KiB, and the connection closed', { status: huge.status, body: huge.text });
  const listed = await svc.call('GET', '/tasks');
  check(listed.status === 200 && listed.json.tasks.length === 0, 'nothing was queued by bad input', listed.json);

  const unknown = await svc.call('GET', '/tasks/t-nosuch');
  check(unknown.status === 404 && unknown.json.error.code === 'TaskNotFound', 'GET of an unknown id is 404', unknown.json);
  const unknownDelete = await svc.call('DELETE', '/tasks/t-nosuch');
  check(unknownDelete.status === 404, 'DELETE of an unknown id is 404', unknownDelete.json);
  const elsewhere = await svc.call('GET', '/jobs');
  check(elsewhere.status === 404, 'an unknown path is 404', elsewhere.json);
  const put = await svc.call('PUT', '/tasks', {});
  check(put.status === 405 && put.headers.allow === 'GET, POST', 'PUT /tasks is 405 with Allow', put.headers);
  const badQuery = await svc.call('GET', '/tasks?status=sleeping');
  check(badQuery.status === 400, 'a bad status filter is 400', badQuery.json);
}

async function submit(svc, body) {
  const r = await svc.call('POST', '/tasks', body);
  check(r.status === 202 && r.json.id && r.headers.location === `/tasks/${r.json.id}`, `202 for ${body.job}`, r.json);
  check(['queued', 'running'].includes(r.json.status), 'a new task is queued or running', r.json);
  return r.json.id;
}

async function everyStatus(svc, emu) {
  // succeeded: all three jobs
  const created = await poll(svc, await submit(svc, runJob));
  check(created.status === 'succeeded' && created.result.instance_ids.length === 2, 'run_instances_and_wait succeeded', created);
  check(Object.values(created.result.statuses || {}).every((s) => s === 'Running'), 'its instances are Running', created.result);
  check(created.created_at && created.started_at && created.finished_at, 'timestamps', created);
  const described = await poll(svc, await submit(svc, { job: 'describe_instances', params: { page_size: 1 } }));
  check(described.status === 'succeeded' && described.result.count === 2 && described.result.pages >= 2,
    'describe_instances read every page', described.result);
  const stopped = await poll(svc, await submit(svc, { job: 'stop_instances_and_wait',
    params: { instance_ids: created.result.instance_ids, poll_interval_ms: 50 } }));
  check(stopped.status === 'succeeded' && Object.values(stopped.result.statuses).every((s) => s === 'Stopped'),
    'stop_instances_and_wait succeeded', stopped);

  // failed: the service's Code and RequestId
  const failed = await poll(svc, await submit(svc, { job: 'stop_instances_and_wait', params: { instance_ids: ['i-nosuch'] } }));
  check(failed.status === 'failed' && failed.error.code === 'InvalidInstanceId.NotFound' &&
        /^[0-9A-F-]{36}$/.test(failed.error.request_id), 'failed with the service\'s Code and RequestId', failed);

  // timed_out: the job's own timeout ends the call in flight
  await emu.addFault({ action: 'DescribeInstances', latency_ms: 3000 });
  const slow = await poll(svc, await submit(svc, { job: 'describe_instances', timeout_ms: 300 }));
  check(slow.status === 'timed_out' && slow.error.code === 'Timeout', 'timed_out at its timeout_ms', slow);
  const took = Date.parse(slow.finished_at) - Date.parse(slow.created_at);
  check(took >= 250 && took < 2000, 'it ended at its timeout, not the call\'s', took);

  // cancelled: DELETE aborts the call in flight, which the emulator sees closed
  const id = await submit(svc, { job: 'describe_instances' });
  let inFlight;
  for (const end = Date.now() + 5000; !inFlight && Date.now() < end; await sleep(20))
    inFlight = (await emu.requests()).filter((r) => r.action === 'DescribeInstances' && r.outcome === 'pending').pop();
  check(inFlight, 'the job\'s DescribeInstances reached the emulator');
  const del = await svc.call('DELETE', `/tasks/${id}`);
  check(del.status === 202, 'DELETE of a running task is 202', del.json);
  const cancelled = await poll(svc, id);
  check(cancelled.status === 'cancelled' && cancelled.error.code === 'Cancelled', 'cancelled', cancelled);
  let outcome;
  for (const end = Date.now() + 3000; outcome !== 'client_closed' && Date.now() < end; await sleep(20))
    outcome = (await emu.requests()).find((r) => inFlight && r.sequence === inFlight.sequence)?.outcome;
  check(outcome === 'client_closed', 'the emulator saw the call abandoned', outcome);
  const again = await svc.call('DELETE', `/tasks/${id}`);
  check(again.status === 200 && again.json.status === 'cancelled', 'DELETE of a finished task is 200', again.json);
}

async function limits(svc) {
  // max-running 2 + max-queued 2 (the DescribeInstances latency fault still holds them)
  const ids = [];
  for (let i = 0; i < 4; i++) ids.push(await submit(svc, { job: 'describe_instances' }));
  const full = await svc.call('POST', '/tasks', { job: 'describe_instances' });
  check(full.status === 429 && full.headers['retry-after'] === '1' && full.json.error.code === 'TooManyTasks',
    '429 with Retry-After beyond the limits', { status: full.status, headers: full.headers });
  const queued = await svc.call('GET', '/tasks?status=queued');
  check(queued.json.tasks.length === 2, 'two wait', queued.json);
  const page = await svc.call('GET', '/tasks?limit=2');
  check(page.json.tasks.length === 2 && page.json.next, 'a page and where the next starts', page.json);
  const rest = await svc.call('GET', `/tasks?limit=100&after=${page.json.next}`);
  check(rest.json.tasks.every((t) => !page.json.tasks.some((p) => p.id === t.id)), 'the next page has the others', rest.json);
  const del = await svc.call('DELETE', `/tasks/${ids[3]}`);
  check(del.status === 200 && del.json.status === 'cancelled', 'a queued task is cancelled at once', del.json);
  const freed = await svc.call('POST', '/tasks', { job: 'describe_instances' });
  check(freed.status === 202 && freed.json.status === 'queued', 'the cancelled task\'s place in the queue is free',
    { status: freed.status, body: freed.json });
  ids.push(freed.json.id);
  for (const id of [...ids.slice(0, 3), freed.json.id]) await svc.call('DELETE', `/tasks/${id}`);
  for (const id of ids) check((await poll(svc, id)).status === 'cancelled', 'cancelled', id);
}

// Every task the service announced ends with a final status line.
function everyTaskEnded(output) {
  const last = new Map();
  for (const m of output.matchAll(/^task (\S+) \S+ (\S+)/gm)) last.set(m[1], m[2]);
  const open = [...last].filter(([, s]) => !finished.has(s));
  check(last.size > 0 && open.length === 0, 'every task ended with a status', open);
  return last;
}

async function gracefulShutdown(emu) {
  await emu.clearFaults();
  await emu.addFault({ action: 'DescribeInstances', latency_ms: 600 });
  // within the grace period: the running jobs finish
  let svc = await startService(servicePath, emu, ['--max-running', '2', '--max-queued', '4', '--shutdown-grace-ms', '5000']);
  const done = [await submit(svc, { job: 'describe_instances' }), await submit(svc, { job: 'describe_instances' })];
  const waiting = await submit(svc, { job: 'describe_instances' });
  await sleep(100);
  svc.proc.kill('SIGTERM');
  let exit = await svc.exited;
  check(exit.code === 0, 'the service exits 0 after SIGTERM', exit);
  let ended = everyTaskEnded(svc.output());
  check(done.every((id) => ended.get(id) === 'succeeded'), 'running jobs finished within the grace period', [...ended]);
  check(ended.get(waiting) === 'cancelled', 'the queued one was cancelled', [...ended]);
  check(/stopped: 0 running/.test(svc.output()), 'nothing left running', svc.output());

  // beyond it: cancelled, and still a clean exit
  await emu.clearFaults();
  await emu.addFault({ action: 'DescribeInstances', latency_ms: 10000 });
  svc = await startService(servicePath, emu, ['--shutdown-grace-ms', '300']);
  const slow = await submit(svc, { job: 'describe_instances' });
  await sleep(100);
  const start = Date.now();
  svc.proc.kill('SIGINT');
  exit = await svc.exited;
  check(exit.code === 0 && Date.now() - start < 3000, 'past the grace period the jobs are cancelled and it exits', exit);
  ended = everyTaskEnded(svc.output());
  check(ended.get(slow) === 'cancelled', 'the slow job was cancelled', [...ended]);
  await emu.clearFaults();
}

runScenario(emulatorPath, async (emu) => {
  badUsage();
  const svc = await startService(servicePath, emu, ['--max-running', '2', '--max-queued', '2']);
  await badInput(svc);
  await everyStatus(svc, emu);
  await limits(svc);
  svc.proc.kill('SIGTERM');
  check((await svc.exited).code === 0, 'the first service exits 0');
  await gracefulShutdown(emu);
}, 'all task service checks passed');
