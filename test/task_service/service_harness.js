// Starts the emulator and alicloud-task-service as processes and talks to
// both over real HTTP - node's own modules only.
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitForFile(file, ms = 10000) {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(50))
    if (fs.existsSync(file) && fs.readFileSync(file, 'utf8').trim()) return fs.readFileSync(file, 'utf8');
  throw new Error(`${file} did not appear`);
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function request(port, method, target, body) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const req = http.request({ host: '127.0.0.1', port, method, path: target, agent,
      headers: data === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          let json;
          try { json = text ? JSON.parse(text) : undefined; } catch (e) { json = undefined; }
          resolve({ status: res.statusCode, headers: res.headers, json, text });
        });
      });
    req.on('error', (e) => reject(new Error(`${method} ${target} (port ${port}): ${e.message}`)));
    if (data !== undefined) req.write(data);
    req.end();
  });
}

// stateMs: how long instances stay Pending, Starting and Stopping.
async function startEmulator(emulatorPath, { stateMs = 300 } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'task-service-test-'));
  const ms = String(stateMs);
  const proc = spawn(emulatorPath, ['--listen', '127.0.0.1:0', '--http-listen', '127.0.0.1:0',
    '--port-file', path.join(dir, 'ports'), '--write-ca', path.join(dir, 'ca.pem'),
    '--pending-ms', ms, '--starting-ms', ms, '--stopping-ms', ms], { stdio: ['ignore', 'ignore', 'inherit'] });
  const ports = await waitForFile(path.join(dir, 'ports'));
  const https = Number(/https (\d+)/.exec(ports)[1]);
  const plain = Number(/http (\d+)/.exec(ports)[1]);
  const control = (method, target, body) => request(plain, method, target, body);
  return {
    proc, dir, https, caFile: path.join(dir, 'ca.pem'),
    addFault: (rule) => control('POST', '/_emulator/faults', rule),
    clearFaults: () => control('DELETE', '/_emulator/faults'),
    requests: async () => (await control('GET', '/_emulator/requests')).json.requests,
    instanceCount: async () => (await control('GET', '/_emulator/health')).json.instances,
    // Waits for the emulator's state (wait_conditions.hpp), not for a time.
    waitFor: async (condition) => {
      const r = await control('POST', '/_emulator/wait', condition);
      if (r.status !== 200) throw new Error(`emulator wait ${JSON.stringify(condition)}: ${r.status} ${r.text}`);
    },
    stop: () => proc.kill('SIGTERM'),
  };
}

// Services still running; a scenario that fails half-way leaves none behind.
const live = new Set();

// maxFiles: the service runs under `ulimit -n maxFiles`.
async function startService(servicePath, emu, args = [], extraEnv = {}, { maxFiles } = {}) {
  const portFile = path.join(emu.dir, `service-${Date.now()}-${Math.random()}`);
  const env = { ...process.env, ALIBABA_CLOUD_ACCESS_KEY_ID: 'testid', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'testsecret',
    ALIBABA_CLOUD_CREDENTIALS_FILE: '/nonexistent/credentials', ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true', ...extraEnv };
  // The memory store unless the test names one: these tests are about the
  // HTTP interface, and a default SQLite file would land in the working folder.
  const store = args.includes('--store') ? [] : ['--store', 'memory'];
  const argv = ['--listen', '127.0.0.1:0', '--port-file', portFile,
    '--endpoint', `https://127.0.0.1:${emu.https}`, '--ca-file', emu.caFile, ...store, ...args];
  const proc = maxFiles === undefined
    ? spawn(servicePath, argv, { env, stdio: ['ignore', 'pipe', 'inherit'] })
    : spawn('/bin/sh', ['-c', `ulimit -n ${maxFiles} && exec "$0" "$@"`, servicePath, ...argv],
      { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  proc.stdout.setEncoding('utf8');
  proc.stdout.on('data', (c) => (output += c));
  live.add(proc);
  const exited = new Promise((r) => proc.on('exit', (code, signal) => {
    live.delete(proc);
    r({ code, signal });
  }));
  const port = Number(/http (\d+)/.exec(await waitForFile(portFile))[1]);
  return {
    proc, port, exited, output: () => output,
    call: (method, target, body) => request(port, method, target, body),
    rssKiB: () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${proc.pid}/status`, 'utf8'))[1]),
    openFiles: () => fs.readdirSync(`/proc/${proc.pid}/fd`).length,
  };
}

const finished = new Set(['succeeded', 'failed', 'cancelled', 'timed_out']);

// Polls a task until it is finished (or `until` says so); its last state.
async function poll(svc, id, until = (t) => finished.has(t.status), ms = 20000) {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(25)) {
    const r = await svc.call('GET', `/tasks/${id}`);
    if (r.status !== 200) throw new Error(`GET /tasks/${id}: ${r.status} ${r.text}`);
    if (until(r.json)) return r.json;
  }
  throw new Error(`task ${id} did not get there in ${ms} ms`);
}

let failures = 0;
function check(ok, what, detail) {
  if (!ok) {
    failures++;
    console.log(`FAIL: ${what}${detail === undefined ? '' : ': ' + JSON.stringify(detail)}`);
  }
}

// Runs `scenario(emulator)` against a fresh emulator, then exits: 0 with
// `passed` printed, or 1 with the failures counted.
function runScenario(emulatorPath, scenario, passed, emulatorOptions = {}) {
  (async () => {
    const emu = await startEmulator(emulatorPath, emulatorOptions);
    try {
      await scenario(emu);
    } catch (e) {
      check(false, 'unexpected error', String(e.stack || e));
    } finally {
      for (const proc of live) proc.kill('SIGKILL');
      emu.stop();
    }
    if (failures) {
      console.log(`${failures} failure(s)`);
      process.exit(1);
    }
    console.log(passed);
    process.exit(0);
  })();
}

// The statuses each task was logged to end with, over services' outputs.
function loggedEnds(outputs) {
  const ends = new Map();
  for (const output of outputs)
    for (const m of output.matchAll(/^task (\S+) \S+ (\S+)/gm))
      if (finished.has(m[2])) ends.set(m[1], [...(ends.get(m[1]) || []), m[2]]);
  return ends;
}

module.exports = { sleep, request, startService, poll, check, finished, loggedEnds, runScenario };
