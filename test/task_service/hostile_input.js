// alicloud-task-service against peers that misbehave on purpose: framing that
// never ends (chunk extensions, a chunk size padded with zeros, trailers) must
// not grow its memory; bad framing gets a 4xx, as the emulator answers it;
// its JSON is UTF-8 whatever the request held; and running out of file
// descriptors only pauses accepting.
// usage: node hostile_input.js <alicloud-task-service> <alicloud-ecs-emulator>
'use strict';
const net = require('net');
const { sleep, startService, check, runScenario } = require('./service_harness');

const [servicePath, emulatorPath] = process.argv.slice(2);

// Writes `head`, then `filler` again and again (up to `total` bytes) while the
// service keeps reading; what it answered, how much it took, and whether the
// connection was reset (closed with our bytes unread: the answer may be lost).
function flood(port, head, filler, total) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const answer = [];
    let sent = 0, closed = false, reset = false;
    const done = () => {
      if (closed) return;
      closed = true;
      socket.destroy();
      resolve({ answer: Buffer.concat(answer).toString('latin1'), sent, reset });
    };
    socket.on('data', (c) => answer.push(c));
    socket.on('error', () => {
      reset = true;
      done();
    });
    socket.on('close', done);
    socket.on('end', done);
    const pump = () => {
      while (!closed && sent < total) {
        sent += filler.length;
        if (!socket.write(filler)) return socket.once('drain', pump);
      }
      if (!closed) socket.end();
    };
    socket.on('connect', () => {
      socket.write(head);
      pump();
    });
  });
}

// One request as raw bytes; the whole answer (the service closes after it).
function raw(port, bytes, ms = 5000) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const answer = [];
    const timer = setTimeout(() => socket.destroy(), ms);
    socket.on('data', (c) => answer.push(c));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(answer));
    });
    socket.on('connect', () => socket.write(bytes));
  });
}

function parseAnswer(buffer) {
  const text = buffer.toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  const status = Number((/^HTTP\/1\.1 (\d{3})/.exec(text) || [])[1]);
  const body = end < 0 ? Buffer.alloc(0) : buffer.subarray(end + 4);
  let utf8, json;
  try {
    utf8 = new TextDecoder('utf-8', { fatal: true }).decode(body);
    json = JSON.parse(utf8);
  } catch (e) { /* left undefined */ }
  return { status, head: end < 0 ? text : text.slice(0, end), json, utf8: utf8 !== undefined, bytes: body };
}

async function endlessFraming(svc) {
  const mib = 1024 * 1024;
  const post = 'POST /tasks HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n';
  const cases = [
    ['a chunk extension', `${post}1;ext=`, Buffer.alloc(mib, 'x')],
    ['a chunk size padded with zeros', post, Buffer.alloc(mib, '0')],
    ['a trailer section', `${post}2\r\n{}\r\n0\r\nX-Trailer: `, Buffer.alloc(mib, 'y')],
    ['a header', 'GET /tasks HTTP/1.1\r\nHost: x\r\nX-Pad: ', Buffer.alloc(mib, 'z')],
  ];
  for (const [what, head, filler] of cases) {
    const before = svc.rssKiB();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, svc.rssKiB())), 10);
    const r = await flood(svc.port, head, filler, 64 * mib);
    clearInterval(sampler);
    const grew = Math.max(peak, svc.rssKiB()) - before;
    const status = Number((/^HTTP\/1\.1 (\d{3})/.exec(r.answer) || [])[1]);
    console.log(`${what}: ${(r.sent / mib).toFixed(0)} MiB sent, peak RSS +${grew} KiB, answer ${status || (r.reset ? 'lost to a reset' : 'none')}`);
    check(grew < 8 * 1024, `endless ${what}: the service's memory stays bounded`, { grewKiB: grew, sentMiB: r.sent / mib });
    check(r.sent < 64 * mib, `endless ${what}: the service stops reading early`, r.sent);
    check([400, 431].includes(status) || (!status && r.reset), `endless ${what}: answered 400 or 431 before closing`,
      r.answer.slice(0, 200));
  }
}

async function badFraming(svc) {
  const post = 'POST /tasks HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n';
  const cases = [
    ['a bogus chunk size', `${post}Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`, 400],
    ['a chunk size past 64 bits', `${post}Transfer-Encoding: chunked\r\n\r\n10000000000000002\r\n{}\r\n0\r\n\r\n`, 400],
    ['two Content-Lengths that differ', `${post}Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}`, 400],
    ['a 100 KB header', `GET /tasks HTTP/1.1\r\nHost: x\r\nX-Pad: ${'p'.repeat(100 * 1024)}\r\n\r\n`, 431],
    ['not HTTP', 'HELLO\r\n\r\n', 400],
  ];
  for (const [what, bytes, expected] of cases) {
    const a = parseAnswer(await raw(svc.port, bytes));
    check(a.status === expected && a.json && a.json.error && a.json.error.code, `${what}: ${expected} with a JSON error`,
      { status: a.status, head: a.head, body: a.bytes.toString('latin1') });
    check(/\r\nconnection: close/i.test(a.head), `${what}: the connection is closed`, a.head);
  }
  // Still serving.
  const listed = await svc.call('GET', '/tasks');
  check(listed.status === 200, 'the service still answers after bad framing', listed.status);
}

async function invalidUtf8(svc) {
  for (const target of ['/tasks/%FF%FE', '/nowhere/%C0%AF%ED%A0%80', '/tasks?%FF=1', '/tasks/a%E2%82']) {
    const a = parseAnswer(await raw(svc.port, `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
    check([400, 404].includes(a.status) && a.utf8 && a.json && a.json.error,
      `the answer to GET ${target} is valid UTF-8 JSON`, { status: a.status, body: [...a.bytes].map((b) => b.toString(16)) });
  }
  const a = parseAnswer(await raw(svc.port, 'GET /tasks/%FF%FE HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
  check(a.status === 404 && a.json && a.json.error.code === 'TaskNotFound' && a.json.error.message.includes('\uFFFD\uFFFD'),
    'bytes that are not UTF-8 are replaced, not echoed', a.json);
}

// Runs out of descriptors (ulimit -n), then recovers once the clients leave.
async function outOfDescriptors(emu) {
  const svc = await startService(servicePath, emu, [], {}, { maxFiles: 48 });
  const baseline = svc.openFiles();
  const sockets = [];
  for (let i = 0; i < 100; i++) {
    const s = net.connect(svc.port, '127.0.0.1');
    s.on('error', () => {});
    sockets.push(s);
  }
  await Promise.all(sockets.map((s) => new Promise((r) => (s.connecting ? s.once('connect', r) : r()))));
  // The service accepts until it has no descriptor left.
  for (const end = Date.now() + 5000; svc.openFiles() < 48 && Date.now() < end; await sleep(20));
  const full = svc.openFiles();
  console.log(`descriptors: ${baseline} at start, ${full} of 48 with 100 clients`);
  check(full >= 46, 'the service used every descriptor it had', full);
  await sleep(300); // accepting fails meanwhile
  for (const s of sockets) s.destroy();
  // Once they are gone it serves again: the backlog drains, a new client is answered.
  let listed;
  const start = Date.now();
  for (const end = start + 10000; !listed && Date.now() < end;) {
    const a = parseAnswer(await raw(svc.port, 'GET /tasks HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 2000));
    if (a.status === 200) listed = a;
  }
  console.log(`served again ${Date.now() - start} ms after the clients left`);
  check(listed && listed.json && Array.isArray(listed.json.tasks), 'a new connection is served after running out of descriptors');
  for (const end = Date.now() + 5000; svc.openFiles() > baseline + 2 && Date.now() < end; await sleep(20));
  check(svc.openFiles() <= baseline + 2, 'the descriptors are given back', { baseline, now: svc.openFiles() });
  svc.proc.kill('SIGTERM');
  check((await svc.exited).code === 0, 'the service exits 0 after running out of descriptors');
}

runScenario(emulatorPath, async (emu) => {
  const svc = await startService(servicePath, emu);
  await endlessFraming(svc);
  await badFraming(svc);
  await invalidUtf8(svc);
  svc.proc.kill('SIGTERM');
  check((await svc.exited).code === 0, 'the service exits 0');
  // Under UndefinedBehaviorSanitizer the service cannot run out of descriptors:
  // the sanitizer's vptr check opens a pipe to test memory, and with none free
  // it reports a valid object as invalid (see the CMakeLists that sets this).
  const skip = process.env.ALICLOUD_SKIP_OUT_OF_DESCRIPTORS;
  if (skip) console.log(`running out of descriptors: not checked in this build (${skip})`);
  else await outOfDescriptors(emu);
}, 'all hostile input checks passed');
