#!/usr/bin/env node
'use strict';

// Conformance of the local ECS emulator, driven by the OFFICIAL Alibaba Cloud
// Node.js SDKs over HTTPS with real certificate verification:
//
//   node ecs_conformance.js https://127.0.0.1:PORT
//
// with NODE_EXTRA_CA_CERTS=<the CA the emulator wrote with --write-ca> and
// NODE_PATH=<node_modules holding the packages pinned in package-lock.json>.
// run_emulator_conformance.sh starts the emulator and runs this file.
//
// Four clients go through the same scenario (docs/ecs-api.md sections 1-4):
//   pop-core GET      @alicloud/pop-core RPCClient, signature V1, parameters in the query
//   pop-core POST     the same with {method:'POST'}, parameters in a form body
//   ecs V3            @alicloud/ecs20140526 with its default ACS3-HMAC-SHA256 signing
//   ecs v2            the same with signatureAlgorithm 'v2' (openapi-core's V1 RPC path)
// The emulator is reset (POST /_emulator/reset) before each client. Then the
// security checks: a tampered signature, a replayed request, unknown and wrong
// keys, and TLS verification itself.
//
// No test framework: one line per passed check, the first failure prints what
// was expected and what came back and exits 1; the last line is
// "N passed, 0 failed".

const assert = require('assert');
const crypto = require('crypto');
const https = require('https');
const tls = require('tls');
const Module = require('module');

const RPCClient = require('@alicloud/pop-core').RPCClient;
const Ecs = require('@alicloud/ecs20140526');
const ecsRequire = Module.createRequire(require.resolve('@alicloud/ecs20140526'));
const OpenApiCore = ecsRequire('@alicloud/openapi-core');
const Dara = ecsRequire('@darabonba/typescript');
const { toModel } = require('./sdk_models');

// ------------------------------------------------------------- arguments ---

const BASE = process.argv[2];
if (!BASE || !/^https:\/\/[^/]+$/.test(BASE)) {
    console.error('usage: node ecs_conformance.js https://127.0.0.1:PORT');
    process.exit(2);
}
if (!process.env.NODE_EXTRA_CA_CERTS) {
    console.error('NODE_EXTRA_CA_CERTS must name the emulator CA (--write-ca): this test verifies certificates');
    process.exit(2);
}
const BASE_URL = new URL(BASE);
const HOST_PORT = BASE_URL.host; // 127.0.0.1:PORT
const REGION = 'cn-hangzhou';
const AK = 'testid';
const SK = 'testsecret';
const IMAGE = 'ubuntu_22_04_x64_20G_alibase_20230907.vhd';
const TYPE = 'ecs.g7.large';

// ---------------------------------------------------------------- checks ---

let passed = 0;
let context = '';

function fail(label, e) {
    const detail = e && e.stack ? e.stack : String(e);
    console.error(`FAIL - ${label}\n${detail}`);
    console.log(`${passed} passed, 1 failed`);
    process.exit(1);
}

async function check(label, fn) {
    const full = context ? `[${context}] ${label}` : label;
    hmacLog.length = 0;
    try {
        await fn();
    } catch (e) {
        fail(full, e);
    }
    passed += 1;
    console.log(`ok ${passed} - ${full}`);
}

process.on('unhandledRejection', (e) => fail(`${context}: unhandled rejection`, e));

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Calls fn every intervalMs until it returns a truthy value; at most timeoutMs.
async function pollUntil(what, fn, { timeoutMs = 10000, intervalMs = 100 } = {}) {
    const deadline = Date.now() + timeoutMs;
    let last;
    for (;;) {
        last = await fn();
        if (last && last.done) return last;
        if (Date.now() >= deadline) {
            throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last state: ${JSON.stringify(last)}`);
        }
        await sleep(intervalMs);
    }
}

// ------------------------------------------------- wire capture & tamper ---

// Every https.request (the SDKs all reach it through httpx) is recorded: the
// exact method, path, headers and body, and whether the TLS peer was verified.
// A one-shot `tamper` hook can alter the request the SDK built before it is sent.
const origHttpsRequest = https.request;
const captured = [];
let tamper = null;

https.request = function (options, ...rest) {
    if (options === null || typeof options !== 'object' || options instanceof URL) {
        throw new Error('unexpected https.request call form');
    }
    const hook = tamper;
    tamper = null;
    if (hook && hook.options) options = hook.options(Object.assign({}, options, { headers: Object.assign({}, options.headers) }));
    const req = origHttpsRequest.call(this, options, ...rest);
    const rec = {
        method: options.method,
        path: options.path,
        rejectUnauthorized: options.rejectUnauthorized,
        headers: null,
        chunks: [],
        authorized: null,
        status: null,
    };
    captured.push(rec);
    const origWrite = req.write;
    const origEnd = req.end;
    req.write = function (chunk, ...args) {
        if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') rec.chunks.push(Buffer.from(chunk));
        return origWrite.call(this, chunk, ...args);
    };
    req.end = function (chunk, ...args) {
        if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') {
            if (hook && hook.body) chunk = hook.body(Buffer.from(chunk).toString('utf8'));
            rec.chunks.push(Buffer.from(chunk));
        }
        rec.headers = req.getHeaders();
        return origEnd.call(this, chunk, ...args);
    };
    req.on('response', (res) => {
        rec.status = res.statusCode;
        rec.authorized = req.socket ? req.socket.authorized === true : false;
    });
    return req;
};
const bodyOf = (rec) => Buffer.concat(rec.chunks).toString('utf8');

// The SDKs' HMAC inputs (StringToSign), to compare with the server's.
const origCreateHmac = crypto.createHmac;
const hmacLog = [];
crypto.createHmac = function (algorithm, key, ...rest) {
    const h = origCreateHmac.call(this, algorithm, key, ...rest);
    const entry = { algorithm: String(algorithm).toLowerCase(), data: [] };
    hmacLog.push(entry);
    const origUpdate = h.update;
    h.update = function (data, ...args) {
        entry.data.push(Buffer.isBuffer(data) ? data.toString('utf8') : String(data));
        return origUpdate.call(this, data, ...args);
    };
    return h;
};

// A plain https request with the default trust store (system roots plus
// NODE_EXTRA_CA_CERTS), outside the capture.
function rawRequest({ method, path, headers, body, ca }) {
    return new Promise((resolve, reject) => {
        const opts = {
            host: BASE_URL.hostname, port: BASE_URL.port, method, path, headers: headers || {},
            agent: false, timeout: 5000,
        };
        if (ca !== undefined) opts.ca = ca;
        const req = origHttpsRequest(opts, (res) => {
            const chunks = [];
            res.on('data', (c) => chunks.push(c));
            res.on('end', () => {
                const text = Buffer.concat(chunks).toString('utf8');
                let json = null;
                try { json = JSON.parse(text); } catch (e) { /* not JSON */ }
                resolve({ status: res.statusCode, headers: res.headers, text, json, authorized: req.socket.authorized });
            });
            res.on('error', reject);
        });
        req.on('timeout', () => req.destroy(new Error(`${method} ${path}: timeout`)));
        req.on('error', reject);
        req.end(body);
    });
}

async function resetEmulator() {
    const r = await rawRequest({ method: 'POST', path: '/_emulator/reset' });
    assert.strictEqual(r.status, 200, `POST /_emulator/reset answered ${r.status}: ${r.text}`);
}

// ---------------------------------------------------------------- clients ---

class ApiError extends Error {
    constructor(status, code, message, data) {
        super(`HTTP ${status} ${code}: ${message}`);
        this.status = status;
        this.code = code;
        this.apiMessage = message;
        this.data = data;
    }
}

// Every client exposes call(action, params) -> response body with the wire
// (PascalCase) names, and throws ApiError with the HTTP status and Code.
function popClient(method, ak, sk) {
    const client = new RPCClient({
        accessKeyId: ak, accessKeySecret: sk, endpoint: BASE, apiVersion: '2014-05-26',
    }, true /* verbose: also return the HTTP exchange */);
    return {
        async call(action, params = {}) {
            let result;
            try {
                result = await client.request(action, params, { method, timeout: 5000 });
            } catch (e) {
                if (e && e.code && e.entry && e.entry.response) {
                    throw new ApiError(e.entry.response.statusCode, e.code, e.data && e.data.Message, e.data);
                }
                throw e;
            }
            const [json, entry] = result;
            assert.strictEqual(entry.response.statusCode, 200, `${action}: HTTP ${entry.response.statusCode} without a Code`);
            // json-bigint builds null-prototype objects: normalise them for deepStrictEqual
            return { body: JSON.parse(JSON.stringify(json)), model: null };
        },
    };
}

function ecsClient(signatureAlgorithm, ak, sk) {
    const cfg = { accessKeyId: ak, accessKeySecret: sk, endpoint: HOST_PORT, regionId: REGION };
    if (signatureAlgorithm) cfg.signatureAlgorithm = signatureAlgorithm;
    const client = new Ecs.default(new OpenApiCore.$OpenApiUtil.Config(cfg));
    return {
        async call(action, params = {}) {
            const Req = Ecs[`${action}Request`];
            const fn = client[`${action[0].toLowerCase()}${action.slice(1)}WithOptions`];
            assert(Req && fn, `the ECS SDK has no ${action}`);
            let resp;
            try {
                resp = await fn.call(client, toModel(Req, params), new Dara.RuntimeOptions({}));
            } catch (e) {
                if (e && e.statusCode && e.code) throw new ApiError(e.statusCode, e.code, e.data && e.data.Message, e.data);
                throw e;
            }
            assert.strictEqual(resp.statusCode, 200, `${action}: HTTP ${resp.statusCode}`);
            return { body: resp.body.toMap(), model: resp.body };
        },
    };
}

const VARIANTS = [
    {
        key: 'popget', name: 'pop-core GET (V1)', make: (ak, sk) => popClient('GET', ak, sk),
        wire(rec) {
            assert.strictEqual(rec.method, 'GET');
            assert.match(rec.path, /^\/\?.*SignatureVersion=1\.0/);
            assert.match(rec.path, /[?&]Signature=/);
            assert.strictEqual(bodyOf(rec), '');
        },
        tamper: () => ({ options: (o) => Object.assign(o, { path: alterSignatureParam(o.path) }) }),
    },
    {
        key: 'poppost', name: 'pop-core POST (V1, form body)', make: (ak, sk) => popClient('POST', ak, sk),
        wire(rec) {
            assert.strictEqual(rec.method, 'POST');
            assert.strictEqual(rec.path, '/');
            assert.strictEqual(rec.headers['content-type'], 'application/x-www-form-urlencoded');
            assert.match(bodyOf(rec), /SignatureVersion=1\.0/);
            assert.match(bodyOf(rec), /(^|&)Signature=/);
        },
        tamper: () => ({ body: (b) => alterSignatureParam(b) }),
    },
    {
        key: 'ecsv3', name: 'ecs20140526 (V3 ACS3-HMAC-SHA256)', make: (ak, sk) => ecsClient(undefined, ak, sk),
        wire(rec) {
            assert.strictEqual(rec.method, 'POST');
            assert.match(String(rec.headers.authorization), /^ACS3-HMAC-SHA256 Credential=/);
            assert.strictEqual(rec.headers.host, HOST_PORT);
            assert.ok(rec.headers['x-acs-signature-nonce'], 'x-acs-signature-nonce');
        },
        tamper: () => ({
            options: (o) => {
                const name = Object.keys(o.headers).find((h) => h.toLowerCase() === 'authorization');
                assert.ok(name, 'the SDK request has an Authorization header');
                const before = String(o.headers[name]);
                o.headers[name] = before.replace(/,Signature=([0-9a-f])/, (m, c) => `,Signature=${c === '0' ? '1' : '0'}`);
                assert.notStrictEqual(o.headers[name], before, 'the Signature was altered');
                return o;
            },
        }),
    },
    {
        key: 'ecsv2', name: "ecs20140526 signatureAlgorithm 'v2' (V1 RPC)", make: (ak, sk) => ecsClient('v2', ak, sk),
        wire(rec) {
            assert.strictEqual(rec.method, 'POST');
            assert.match(rec.path, /^\/\?.*SignatureVersion=1\.0/);
            assert.match(rec.path, /[?&]Signature=/);
            assert.strictEqual(rec.headers.authorization, undefined);
        },
        tamper: () => ({ options: (o) => Object.assign(o, { path: alterSignatureParam(o.path) }) }),
    },
];

// Changes one character of the (decoded) Signature value in a query string or
// form body; everything else stays byte for byte.
function alterSignatureParam(text) {
    const m = /(^|[?&])Signature=([^&]*)/.exec(text);
    if (!m) throw new Error(`no Signature parameter in ${text}`);
    const value = decodeURIComponent(m[2].replace(/\+/g, ' '));
    const altered = (value[0] === 'A' ? 'B' : 'A') + value.slice(1);
    const start = m.index + m[1].length + 'Signature='.length;
    return text.slice(0, start) + encodeURIComponent(altered) + text.slice(start + m[2].length);
}

async function expectError(promise, status, code, what) {
    let result;
    try {
        result = await promise;
    } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        assert.strictEqual(e.code, code, `${what}: expected Code ${code}, got ${e.code} (HTTP ${e.status}: ${e.apiMessage})`);
        assert.strictEqual(e.status, status, `${what}: expected HTTP ${status} for ${code}, got ${e.status}`);
        assert.ok(e.data && typeof e.data.RequestId === 'string' && e.data.RequestId, `${what}: error without RequestId`);
        assert.strictEqual(typeof e.data.Message, 'string', `${what}: error without Message`);
        return e;
    }
    throw new Error(`${what}: expected HTTP ${status} ${code}, but the call succeeded: ${JSON.stringify(result.body)}`);
}

// ------------------------------------------------------------ scenario ---

// Appends each instance's status to its history when it changed.
function record(history, statuses) {
    for (const [id, s] of Object.entries(statuses)) {
        const h = history[id] || (history[id] = []);
        if (h[h.length - 1] !== s) h.push(s);
    }
}

// The statuses seen must follow `path` in order (each may be skipped).
function assertPath(history, id, path, what) {
    const seen = history[id] || [];
    let at = 0;
    for (const s of seen) {
        const k = path.indexOf(s, at);
        assert.ok(k >= 0, `${what}: ${id} went through ${seen.join(' -> ')}, not a sub-path of ${path.join(' -> ')}`);
        at = k;
    }
}

async function runScenario(v) {
    const c = v.make(AK, SK);
    const tag = { Key: 'conformance', Value: v.key };
    const tagFilter = [tag];

    async function statuses(ids) {
        const { body } = await c.call('DescribeInstanceStatus', { RegionId: REGION, InstanceId: ids, PageSize: 50 });
        const list = body.InstanceStatuses.InstanceStatus;
        assert.ok(Array.isArray(list), 'InstanceStatuses.InstanceStatus is an array');
        assert.strictEqual(body.TotalCount, ids.length, `DescribeInstanceStatus TotalCount for ${ids.length} ids`);
        const out = {};
        for (const item of list) out[item.InstanceId] = item.Status;
        for (const id of ids) assert.ok(out[id], `DescribeInstanceStatus lacks ${id}`);
        return out;
    }
    async function describe(params) {
        const { body } = await c.call('DescribeInstances', Object.assign({ RegionId: REGION }, params));
        assert.ok(body.Instances && Array.isArray(body.Instances.Instance), 'Instances.Instance is an array');
        return body;
    }
    // Polls until every id has its wanted status, recording the path.
    async function waitFor(want, history, what) {
        const ids = Object.keys(want);
        await pollUntil(what, async () => {
            const now = await statuses(ids);
            record(history, now);
            return { done: ids.every((id) => now[id] === want[id]), now };
        });
    }

    let runIds;
    let createId;
    let moreIds;

    await check('1. DescribeRegions lists regions, cn-hangzhou among them', async () => {
        const { body } = await c.call('DescribeRegions', {});
        const regions = body.Regions.Region;
        assert.ok(Array.isArray(regions) && regions.length > 0, 'Regions.Region is a non-empty array');
        const hz = regions.find((r) => r.RegionId === REGION);
        assert.ok(hz, `cn-hangzhou in ${JSON.stringify(regions.map((r) => r.RegionId))}`);
        assert.strictEqual(hz.RegionEndpoint, 'ecs.cn-hangzhou.aliyuncs.com');
        assert.ok(typeof body.RequestId === 'string' && body.RequestId.length > 0, 'RequestId');
        assert.strictEqual(body.Code, undefined, 'no Code on success');
    });
    await check('1. the SDK sent the expected wire format', async () => {
        const rec = captured[captured.length - 1];
        assert.ok(rec && rec.headers, 'a captured request');
        v.wire(rec);
    });
    await check('1. DescribeZones cn-hangzhou', async () => {
        const { body } = await c.call('DescribeZones', { RegionId: REGION });
        const zones = body.Zones.Zone;
        assert.ok(Array.isArray(zones) && zones.length > 0, 'Zones.Zone is a non-empty array');
        for (const z of zones) assert.ok(z.ZoneId.startsWith('cn-hangzhou-'), `zone ${z.ZoneId} belongs to cn-hangzhou`);
        await expectError(c.call('DescribeZones', { RegionId: 'xx-nowhere-1' }), 404, 'InvalidRegionId.NotFound',
            'DescribeZones in an unknown region');
    });

    const history = {};
    await check('2. RunInstances Amount=3 returns 3 ids; CreateInstance returns 1 id', async () => {
        const { body, model } = await c.call('RunInstances', {
            RegionId: REGION, ImageId: IMAGE, InstanceType: TYPE, Amount: 3, InstanceName: `conf-${v.key}-run`, Tag: [tag],
        });
        runIds = body.InstanceIdSets.InstanceIdSet;
        assert.ok(Array.isArray(runIds), 'InstanceIdSets.InstanceIdSet is an array');
        assert.strictEqual(runIds.length, 3);
        assert.strictEqual(new Set(runIds).size, 3, 'distinct ids');
        for (const id of runIds) assert.match(id, /^i-[a-z0-9]+$/);
        if (model) assert.deepStrictEqual(model.instanceIdSets.instanceIdSet, runIds);
        const created = await c.call('CreateInstance', {
            RegionId: REGION, ImageId: IMAGE, InstanceType: TYPE, InstanceName: `conf-${v.key}-create`, Tag: [tag],
        });
        createId = created.body.InstanceId;
        assert.match(String(createId), /^i-[a-z0-9]+$/);
        assert.ok(!runIds.includes(createId));
    });
    await check('3. a transitional state (Pending/Starting) is seen right after creation', async () => {
        const now = await statuses([...runIds, createId]);
        record(history, now);
        const transitional = Object.values(now).filter((s) => s === 'Pending' || s === 'Starting');
        assert.ok(transitional.length > 0, `statuses right after creation: ${JSON.stringify(now)}`);
    });
    await check('3. RunInstances ones reach Running, the CreateInstance one Stopped', async () => {
        const want = { [createId]: 'Stopped' };
        for (const id of runIds) want[id] = 'Running';
        await waitFor(want, history, 'Running/Stopped after creation');
        for (const id of runIds) assertPath(history, id, ['Pending', 'Starting', 'Running'], 'RunInstances');
        assertPath(history, createId, ['Pending', 'Stopped'], 'CreateInstance');
        const body = await describe({ InstanceIds: JSON.stringify([...runIds, createId]) });
        for (const i of body.Instances.Instance) assert.strictEqual(i.Status, want[i.InstanceId], `DescribeInstances ${i.InstanceId}`);
    });

    await check('4. PageSize=2 pages 1,2,3 (TotalCount 4), every instance once', async () => {
        const seen = [];
        for (const page of [1, 2, 3]) {
            const body = await describe({ Tag: tagFilter, PageSize: 2, PageNumber: page });
            assert.strictEqual(body.TotalCount, 4, `TotalCount on page ${page}`);
            assert.strictEqual(body.PageNumber, page, 'PageNumber echoed');
            assert.strictEqual(body.PageSize, 2, 'PageSize echoed');
            assert.strictEqual(body.Instances.Instance.length, page < 3 ? 2 : 0, `items on page ${page}`);
            seen.push(...body.Instances.Instance.map((i) => i.InstanceId));
        }
        assert.deepStrictEqual([...seen].sort(), [...runIds, createId].sort());
    });
    await check('4. the DescribeInstances item shape (IoOptimized bool, tags, VPC, times)', async () => {
        const body = await describe({ InstanceIds: JSON.stringify([runIds[0]]) });
        assert.strictEqual(body.Instances.Instance.length, 1);
        const i = body.Instances.Instance[0];
        assert.strictEqual(i.InstanceId, runIds[0]);
        assert.strictEqual(i.InstanceName, `conf-${v.key}-run`);
        assert.strictEqual(i.RegionId, REGION);
        assert.ok(String(i.ZoneId).startsWith('cn-hangzhou-'), `ZoneId ${i.ZoneId}`);
        assert.strictEqual(i.InstanceType, TYPE);
        assert.strictEqual(i.ImageId, IMAGE);
        assert.strictEqual(i.IoOptimized, true, 'DescribeInstances IoOptimized is a boolean');
        assert.strictEqual(typeof i.Cpu, 'number');
        assert.strictEqual(typeof i.Memory, 'number');
        assert.deepStrictEqual(i.Tags.Tag, [{ TagKey: tag.Key, TagValue: tag.Value }]);
        assert.ok(Array.isArray(i.VpcAttributes.PrivateIpAddress.IpAddress), 'VpcAttributes.PrivateIpAddress.IpAddress');
        assert.ok(Array.isArray(i.SecurityGroupIds.SecurityGroupId), 'SecurityGroupIds.SecurityGroupId');
        assert.match(i.CreationTime, /^\d{4}-\d\d-\d\dT\d\d:\d\dZ$/, 'CreationTime has minute precision');
    });
    await check('4. RunInstances Amount=8 more (12 in all), all reach their final state', async () => {
        const { body } = await c.call('RunInstances', {
            RegionId: REGION, ImageId: IMAGE, InstanceType: TYPE, Amount: 8, InstanceName: `conf-${v.key}-more`, Tag: [tag],
        });
        moreIds = body.InstanceIdSets.InstanceIdSet;
        assert.strictEqual(moreIds.length, 8);
        const want = {};
        for (const id of moreIds) want[id] = 'Running';
        await waitFor(want, history, 'the 8 more to be Running');
    });
    await check('4. NextToken paging with MaxResults=10: 10 + 2, every instance once', async () => {
        const all = [...runIds, createId, ...moreIds];
        const seen = [];
        let token;
        let pages = 0;
        do {
            const params = { Tag: tagFilter, MaxResults: 10 };
            if (token) params.NextToken = token;
            const body = await describe(params);
            pages += 1;
            assert.ok(pages <= 3, 'NextToken paging does not end');
            const items = body.Instances.Instance;
            assert.strictEqual(items.length, pages === 1 ? 10 : 2, `items on NextToken page ${pages}`);
            seen.push(...items.map((i) => i.InstanceId));
            token = body.NextToken;
            if (pages === 1) assert.ok(typeof token === 'string' && token.length > 0, 'first page carries a NextToken');
        } while (token);
        assert.strictEqual(pages, 2, 'two pages');
        assert.strictEqual(seen.length, 12, 'twelve items');
        assert.deepStrictEqual([...seen].sort(), [...all].sort(), 'every instance exactly once');
    });
    await check('4. MaxResults below 10 is treated as 10', async () => {
        const body = await describe({ Tag: tagFilter, MaxResults: 5 });
        assert.strictEqual(body.Instances.Instance.length, 10);
        assert.ok(body.NextToken, 'NextToken');
    });
    await check('4. filter by InstanceIds JSON array (and [] matches nothing)', async () => {
        const pick = [runIds[1], moreIds[3]];
        const body = await describe({ InstanceIds: JSON.stringify(pick) });
        assert.deepStrictEqual(body.Instances.Instance.map((i) => i.InstanceId).sort(), [...pick].sort());
        assert.strictEqual(body.TotalCount, 2);
        const none = await describe({ InstanceIds: '[]' });
        assert.strictEqual(none.Instances.Instance.length, 0, 'InstanceIds [] returns nothing');
        assert.strictEqual(none.TotalCount, 0);
    });
    await check('4. filter by Status (and an unknown Status is 404 InvalidStatus.NotFound)', async () => {
        const stopped = await describe({ Tag: tagFilter, Status: 'Stopped' });
        assert.deepStrictEqual(stopped.Instances.Instance.map((i) => i.InstanceId), [createId]);
        const running = await describe({ Tag: tagFilter, Status: 'Running', PageSize: 100 });
        assert.strictEqual(running.TotalCount, 11);
        assert.ok(running.Instances.Instance.every((i) => i.Status === 'Running'));
        await expectError(c.call('DescribeInstances', { RegionId: REGION, Status: 'Sleeping' }), 404,
            'InvalidStatus.NotFound', 'DescribeInstances Status=Sleeping');
    });
    await check('4. filter by InstanceName wildcard and by Tag', async () => {
        const created = await describe({ InstanceName: `conf-${v.key}-cr*` });
        assert.deepStrictEqual(created.Instances.Instance.map((i) => i.InstanceId), [createId]);
        const run = await describe({ InstanceName: `*${v.key}-run` });
        assert.deepStrictEqual(run.Instances.Instance.map((i) => i.InstanceId).sort(), [...runIds].sort());
        const exact = await describe({ InstanceName: `conf-${v.key}-more`, PageSize: 100 });
        assert.strictEqual(exact.TotalCount, 8);
        const otherTag = await describe({ Tag: [{ Key: tag.Key, Value: 'someone-else' }] });
        assert.strictEqual(otherTag.TotalCount, 0, 'a Tag filter with another value matches nothing');
    });

    await check('5. DescribeInstanceAttribute: flat body, IoOptimized is the string "optimized"', async () => {
        const { body, model } = await c.call('DescribeInstanceAttribute', { InstanceId: runIds[2] });
        assert.strictEqual(body.InstanceId, runIds[2]);
        assert.strictEqual(body.IoOptimized, 'optimized');
        if (model) assert.strictEqual(model.ioOptimized, 'optimized');
        assert.strictEqual(body.Status, 'Running');
        assert.strictEqual(body.RegionId, REGION);
        assert.strictEqual(body.InstanceType, TYPE);
        assert.strictEqual(body.Instances, undefined, 'no Instances wrapper');
        await expectError(c.call('DescribeInstanceAttribute', { InstanceId: 'i-bpnosuchinstance0000' }), 404,
            'InvalidInstanceId.NotFound', 'DescribeInstanceAttribute of an unknown id');
    });

    await check('6. StopInstance: Running -> Stopping -> Stopped', async () => {
        const h = {};
        await c.call('StopInstance', { InstanceId: runIds[0] });
        const now = await statuses([runIds[0]]);
        record(h, now);
        assert.strictEqual(now[runIds[0]], 'Stopping', 'status right after StopInstance');
        await waitFor({ [runIds[0]]: 'Stopped' }, h, 'StopInstance to finish');
        assertPath(h, runIds[0], ['Stopping', 'Stopped'], 'StopInstance');
    });
    await check('6. RebootInstance: Running -> Starting -> Running', async () => {
        const h = {};
        await c.call('RebootInstance', { InstanceId: runIds[1] });
        const now = await statuses([runIds[1]]);
        record(h, now);
        assert.strictEqual(now[runIds[1]], 'Starting', 'status right after RebootInstance');
        await waitFor({ [runIds[1]]: 'Running' }, h, 'RebootInstance to finish');
    });
    await check('6. StartInstance of the CreateInstance one: Stopped -> Starting -> Running', async () => {
        const h = {};
        await c.call('StartInstance', { InstanceId: createId });
        const now = await statuses([createId]);
        record(h, now);
        assert.strictEqual(now[createId], 'Starting', 'status right after StartInstance');
        await waitFor({ [createId]: 'Running' }, h, 'StartInstance to finish');
    });
    await check('6. wrong-state and unknown-id operations: 403 IncorrectInstanceStatus, 404 InvalidInstanceId.NotFound', async () => {
        await expectError(c.call('StartInstance', { InstanceId: runIds[2] }), 403, 'IncorrectInstanceStatus',
            'StartInstance on a Running instance');
        await expectError(c.call('StopInstance', { InstanceId: runIds[0] }), 403, 'IncorrectInstanceStatus',
            'StopInstance on a Stopped instance');
        await expectError(c.call('RebootInstance', { InstanceId: runIds[0] }), 403, 'IncorrectInstanceStatus',
            'RebootInstance on a Stopped instance');
        await expectError(c.call('StartInstance', { InstanceId: 'i-bpnosuchinstance0000' }), 404,
            'InvalidInstanceId.NotFound', 'StartInstance of an unknown id');
    });

    await check('7. DeleteInstance: Running without Force is 403; with Force=true it goes; Stopped goes without Force', async () => {
        await expectError(c.call('DeleteInstance', { InstanceId: runIds[2] }), 403, 'IncorrectInstanceStatus',
            'DeleteInstance of a Running instance without Force');
        await c.call('DeleteInstance', { InstanceId: runIds[2], Force: true });
        await c.call('DeleteInstance', { InstanceId: runIds[0] });
    });
    await check('7. DeleteInstances (RegionId + InstanceId.N, Force) the rest; none left', async () => {
        const rest = [runIds[1], createId, ...moreIds];
        await c.call('DeleteInstances', { RegionId: REGION, InstanceId: rest, Force: true });
        const body = await describe({ Tag: tagFilter });
        assert.strictEqual(body.TotalCount, 0, 'TotalCount after deleting everything');
        assert.deepStrictEqual(body.Instances.Instance, []);
    });
    await check('7. a deleted id is 404 InvalidInstanceId.NotFound', async () => {
        await expectError(c.call('DescribeInstanceAttribute', { InstanceId: runIds[2] }), 404,
            'InvalidInstanceId.NotFound', 'DescribeInstanceAttribute of a deleted id');
        await expectError(c.call('DeleteInstance', { InstanceId: runIds[0], Force: true }), 404,
            'InvalidInstanceId.NotFound', 'DeleteInstance of a deleted id');
        await expectError(c.call('DeleteInstances', { RegionId: REGION, InstanceId: [moreIds[0]], Force: true }), 404,
            'InvalidInstanceId.NotFound', 'DeleteInstances of a deleted id');
    });

    await check('8. ClientToken: same token, same parameters -> the same InstanceIdSets, one set created', async () => {
        const token = `conf-${v.key}-${crypto.randomUUID()}`;
        const params = {
            RegionId: REGION, ImageId: IMAGE, InstanceType: TYPE, Amount: 2, ClientToken: token,
            Tag: [{ Key: 'idempotency', Value: v.key }],
        };
        const first = await c.call('RunInstances', params);
        const second = await c.call('RunInstances', params);
        const ids = first.body.InstanceIdSets.InstanceIdSet;
        assert.strictEqual(ids.length, 2);
        assert.deepStrictEqual(second.body.InstanceIdSets.InstanceIdSet, ids, 'the retry returns the same ids');
        const body = await describe({ Tag: [{ Key: 'idempotency', Value: v.key }] });
        assert.strictEqual(body.TotalCount, 2, 'only one set of instances exists');
        await expectError(c.call('RunInstances', Object.assign({}, params, { Amount: 3 })), 400,
            'IdempotentParameterMismatch', 'RunInstances with the same ClientToken and another Amount');
        const again = await describe({ Tag: [{ Key: 'idempotency', Value: v.key }] });
        assert.strictEqual(again.TotalCount, 2, 'the mismatching call created nothing');
    });
    await check('8. ClientToken on CreateInstance: the same InstanceId twice', async () => {
        const token = `conf-${v.key}-${crypto.randomUUID()}`;
        const params = { RegionId: REGION, ImageId: IMAGE, InstanceType: TYPE, ClientToken: token };
        const a = await c.call('CreateInstance', params);
        const b = await c.call('CreateInstance', params);
        assert.strictEqual(b.body.InstanceId, a.body.InstanceId);
    });
}

// ------------------------------------------------------------- security ---

// The last HMAC input the SDK computed (its StringToSign).
function lastStringToSign(algorithm) {
    for (let k = hmacLog.length - 1; k >= 0; --k) {
        if (hmacLog[k].algorithm === algorithm) return hmacLog[k].data.join('');
    }
    return null;
}

async function runSecurity(v) {
    const c = v.make(AK, SK);
    const v3 = v.key === 'ecsv3';

    await check('(i) one changed signature byte -> 400 SignatureDoesNotMatch, with the server string to sign', async () => {
        hmacLog.length = 0;
        tamper = v.tamper();
        const e = await expectError(c.call('DescribeRegions', {}), 400, 'SignatureDoesNotMatch', 'a tampered signature');
        assert.strictEqual(tamper, null, 'the tamper hook was used');
        const marker = 'server string to sign is:';
        const at = e.apiMessage.indexOf(marker);
        assert.ok(at >= 0, `Message contains "${marker}": ${e.apiMessage}`);
        const server = e.apiMessage.slice(at + marker.length);
        const sdk = lastStringToSign(v3 ? 'sha256' : 'sha1');
        assert.ok(sdk, 'the SDK computed a signature');
        assert.strictEqual(server, sdk, 'the server string to sign equals the one the SDK signed');
        const rec = captured[captured.length - 1];
        assert.strictEqual(rec.status, 400);
    });
    await check('(ii) replaying a captured SDK request verbatim -> 400 SignatureNonceUsed', async () => {
        await c.call('DescribeRegions', {});
        const rec = captured[captured.length - 1];
        assert.strictEqual(rec.status, 200);
        const replay = await rawRequest({ method: rec.method, path: rec.path, headers: rec.headers, body: bodyOf(rec) || undefined });
        assert.ok(replay.json, `JSON error body: ${replay.text}`);
        assert.strictEqual(replay.json.Code, 'SignatureNonceUsed', `replay answered ${replay.status} ${replay.text}`);
        assert.strictEqual(replay.status, 400, 'HTTP status of SignatureNonceUsed');
        assert.ok(replay.json.RequestId && replay.json.Message, 'RequestId and Message');
    });
    await check('(iii) an unknown AccessKeyId -> 404 InvalidAccessKeyId.NotFound', async () => {
        const stranger = v.make('LTAI5tNoSuchAccessKey00', 'whatever-secret');
        await expectError(stranger.call('DescribeRegions', {}), 404, 'InvalidAccessKeyId.NotFound', 'an unknown AccessKeyId');
    });
    await check('(iv) the right id with a wrong secret -> 400 SignatureDoesNotMatch', async () => {
        const wrong = v.make(AK, 'not-the-secret');
        await expectError(wrong.call('DescribeRegions', {}), 400, 'SignatureDoesNotMatch', 'a wrong AccessKeySecret');
    });
}

// ----------------------------------------------------------------- main ---

async function main() {
    context = 'tls';
    await check('the emulator CA is trusted through NODE_EXTRA_CA_CERTS (health, verified peer)', async () => {
        const r = await rawRequest({ method: 'GET', path: '/_emulator/health' });
        assert.strictEqual(r.status, 200);
        assert.strictEqual(r.json && r.json.status, 'ok');
        assert.strictEqual(r.authorized, true, 'socket.authorized');
    });
    await check('without the emulator CA the handshake is refused (verification is real)', async () => {
        let err = null;
        try {
            await rawRequest({ method: 'GET', path: '/_emulator/health', ca: tls.rootCertificates.join('\n') });
        } catch (e) {
            err = e;
        }
        assert.ok(err, 'a request trusting only the public roots must fail');
        assert.match(String(err.code), /CERT|SIGNATURE|ISSUER/, `certificate error, got ${err.code}: ${err.message}`);
    });

    for (const v of VARIANTS) {
        context = '';
        await check(`reset the emulator before ${v.name}`, resetEmulator);
        context = v.name;
        await runScenario(v);
    }
    for (const v of VARIANTS) {
        context = `security, ${v.name}`;
        await runSecurity(v);
    }

    context = 'tls';
    await check('every SDK request went over verified TLS (no rejectUnauthorized:false)', async () => {
        assert.ok(captured.length > 100, `captured ${captured.length} SDK requests`);
        for (const rec of captured) {
            assert.notStrictEqual(rec.rejectUnauthorized, false, `${rec.method} ${rec.path}: rejectUnauthorized false`);
            assert.strictEqual(rec.authorized, true, `${rec.method} ${rec.path}: peer not verified`);
        }
    });

    console.log(`${passed} passed, 0 failed`);
}

main().catch((e) => fail(`${context}: unexpected error`, e));
