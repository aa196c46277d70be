// 1,000 jobs in bursts of 100 against alicloud-task-service (loopback only):
// every one must end with a status, and the service's memory must stay flat
// once finished tasks are forgotten. Prints the figures.
// usage: node load.js <alicloud-task-service> <alicloud-ecs-emulator>
'use strict';
const { sleep, startService, poll, check, runScenario } = require('./service_harness');

const [servicePath, emulatorPath] = process.argv.slice(2);
const bursts = 10, perBurst = 100;

runScenario(emulatorPath, async (emu) => {
  const started = Date.now();
  const svc = await startService(servicePath, emu,
    ['--max-running', '8', '--max-queued', String(perBurst), '--keep-finished-ms', '300'],
    // Under AddressSanitizer, freed memory waits in a quarantine (256 MiB) before
    // reuse: RSS would grow by design. Without it, reuse shows as it would in production.
    process.env.ASAN_OPTIONS === undefined ? {} : { ASAN_OPTIONS: `${process.env.ASAN_OPTIONS}:quarantine_size_mb=0` });
  const statuses = {};
  const rss = [];
  for (let b = 0; b < bursts; b++) {
    const answers = await Promise.all(Array.from({ length: perBurst },
      (_, i) => svc.call('POST', '/tasks', { job: 'describe_instances', timeout_ms: 10000 + i })));
    const ids = answers.filter((a) => a.status === 202).map((a) => a.json.id);
    check(ids.length === perBurst, `burst ${b}: every job accepted`, answers.filter((a) => a.status !== 202).map((a) => a.status));
    // Every task polled at once, from its submission: one by one, the last of a
    // burst could be polled after its 300 ms kept finished (a slow build shows it).
    const ended = await Promise.all(ids.map((id) => poll(svc, id)));
    for (const t of ended)
      statuses[t.status] = (statuses[t.status] || 0) + 1;
    await sleep(700); // past keep-finished: the burst's tasks are forgotten
    const listed = await svc.call('GET', '/tasks?limit=500');
    check(listed.json.tasks.length === 0, `burst ${b}: finished tasks were forgotten`, listed.json.tasks.length);
    rss.push(svc.rssKiB());
  }
  const total = Object.values(statuses).reduce((a, b) => a + b, 0);
  console.log(`jobs: ${total} in ${bursts} bursts, ${(Date.now() - started) / 1000} s; statuses ${JSON.stringify(statuses)}`);
  console.log(`service RSS (KiB) after each burst: ${rss.join(' ')}`);
  check(total === bursts * perBurst && statuses.succeeded === total, 'every job ended, succeeded', statuses);
  // Flat: after the first bursts warm the allocator, later ones add (almost) nothing.
  const growth = rss[rss.length - 1] - rss[1];
  console.log(`growth from burst 2 to burst ${bursts}: ${growth} KiB`);
  check(growth < 4096, 'memory stays flat (under 4 MiB growth after warm-up)', rss);
  svc.proc.kill('SIGTERM');
  check((await svc.exited).code === 0, 'the service exits 0');
}, 'load test passed');
