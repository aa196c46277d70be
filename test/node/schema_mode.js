#!/usr/bin/env node
'use strict';
// The emulator's schema mode driven by a product's OFFICIAL Node.js SDK
// (@alicloud/ecs20140526, vpc20160428, sts20150401 or ram20150501: the package
// the schema was read from) over verified HTTPS:
//
//   node schema_mode.js https://127.0.0.1:PORT <product> <schema.json>
//
// The operations the emulator keeps state for, which other tests cover, are
// the ones it names (GET /_emulator/operations). For every other operation of
// the schema, the SDK sends a request with every parameter set (one element per
// list, its JSON-encoded parameters as the SDK encodes them, a JSON policy
// where a policy document goes), and must accept the answer: HTTP 200, and its
// response model, read back with toMap(), holds every field of the response
// schema at every depth, each of its JSON type, lists of two. Operations the
// schema marks Anonymous (STS AssumeRoleWithSAML) are sent unsigned, as the SDK
// sends them. The last line is "N passed, 0 failed"; the first failure exits 1.
const assert = require('assert');
const fs = require('fs');
const https = require('https');
const Module = require('module');
const { toModel } = require('./sdk_models');

const [BASE, PRODUCT, SCHEMA_FILE] = process.argv.slice(2);
if (!BASE || !/^https:\/\/[^/]+$/.test(BASE) || !PRODUCT || !SCHEMA_FILE) {
    console.error('usage: node schema_mode.js https://127.0.0.1:PORT <product> <schema.json>');
    process.exit(2);
}
if (!process.env.NODE_EXTRA_CA_CERTS) {
    console.error('NODE_EXTRA_CA_CERTS must name the emulator CA (--write-ca): this test verifies certificates');
    process.exit(2);
}
const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8'));
const classes = schema.definitions;
// The SDK is the package the schema was read from, at the version package-lock.json pins.
const PACKAGE = schema.source.package;
assert.ok(PACKAGE === `@alicloud/${PRODUCT}${schema.operations[Object.keys(schema.operations)[0]].version.replace(/-/g, '')}`,
          `${SCHEMA_FILE} is the schema of ${PACKAGE}, not of ${PRODUCT}`);
const Sdk = require(PACKAGE);
const sdkRequire = Module.createRequire(require.resolve(PACKAGE));
const OpenApiCore = sdkRequire('@alicloud/openapi-core');
const Dara = sdkRequire('@darabonba/typescript');

// The operations of this version the emulator keeps state for, as it says.
function statefulOperations(version) {
    return new Promise((resolve, reject) => {
        https.get(`${BASE}/_emulator/operations`, (res) => {
            let text = '';
            res.on('data', (chunk) => { text += chunk; });
            res.on('end', () => {
                try {
                    assert.strictEqual(res.statusCode, 200, `GET /_emulator/operations: HTTP ${res.statusCode}`);
                    const names = JSON.parse(text).stateful[version];
                    assert.ok(Array.isArray(names), `GET /_emulator/operations: nothing for ${version}`);
                    for (const name of names)
                        assert.ok(schema.operations[name], `${name} (stateful) is not an operation of ${PRODUCT}`);
                    resolve(new Set(names));
                } catch (e) { reject(e); }
            });
        }).on('error', reject);
    });
}

// A policy document is a string to the schema and JSON to the service (RAM).
const isPolicyDocument = (name) => name.endsWith('PolicyDocument');
const POLICY = '{"Version":"1","Statement":[{"Effect":"Allow","Action":"ecs:Describe*","Resource":"*"}]}';

// A value for every field of a request class, by wire name.
function sample(className, depth = 0) {
    const out = {};
    for (const f of classes[className].fields) out[f.name] = sampleValue(f, f.name, depth);
    return out;
}
function sampleValue(f, name, depth) {
    switch (f.type) {
    case 'string': return name === 'DryRun' ? 'false' : isPolicyDocument(name) ? POLICY : `x-${name}`;
    case 'boolean': return name !== 'DryRun'; // a dry run answers an error
    case 'number': return f.format === 'float' || f.format === 'double' ? 2.5 : 7;
    case 'object': return sample(f.ref, depth + 1);
    case 'map': return { k: 'v' };
    case 'array': return [sampleValue(f.items, name, depth)];
    default: return `x-${name}`;
    }
}

// Every field of the response class in `value` (toMap() output), typed; lists of two.
function checkShape(className, value, path) {
    assert.ok(value && typeof value === 'object' && !Array.isArray(value), `${path}: expected an object`);
    for (const f of classes[className].fields) {
        const where = path ? `${path}.${f.name}` : f.name;
        assert.ok(Object.prototype.hasOwnProperty.call(value, f.name) && value[f.name] !== undefined &&
                  value[f.name] !== null, `${where}: missing`);
        checkValue(f, value[f.name], where);
    }
}
function checkValue(f, v, where) {
    switch (f.type) {
    case 'string':
        assert.strictEqual(typeof v, 'string', `${where}: ${JSON.stringify(v)} is not a string`);
        if (f.name && isPolicyDocument(f.name)) { // (list items have no name)
            let doc = null;
            try { doc = JSON.parse(v); } catch (e) { /* asserted below */ }
            assert.ok(doc && typeof doc === 'object' && !Array.isArray(doc), `${where}: ${v} is not a JSON policy`);
        }
        break;
    case 'boolean': assert.strictEqual(typeof v, 'boolean', `${where}: ${JSON.stringify(v)} is not a boolean`); break;
    case 'number':
        assert.strictEqual(typeof v, 'number', `${where}: ${JSON.stringify(v)} is not a number`);
        if (f.format === 'int32' || f.format === 'int64') assert.ok(Number.isInteger(v), `${where}: ${v} is not an integer`);
        break;
    case 'object': checkShape(f.ref, v, where); break;
    case 'array':
        assert.ok(Array.isArray(v), `${where}: not a list`);
        assert.strictEqual(v.length, 2, `${where}: ${v.length} elements, expected 2`);
        v.forEach((item, i) => checkValue(f.items, item, `${where}[${i}]`));
        break;
    default: break;
    }
}

async function main() {
    const STATEFUL = await statefulOperations(schema.operations[Object.keys(schema.operations)[0]].version);
    console.log(`# ${STATEFUL.size} operations with state, left to their own tests: ${[...STATEFUL].join(' ') || '-'}`);
    const cfg = { accessKeyId: 'testid', accessKeySecret: 'testsecret', endpoint: new URL(BASE).host, regionId: 'cn-hangzhou' };
    const client = new Sdk.default(new OpenApiCore.$OpenApiUtil.Config(cfg));
    let passed = 0;
    for (const [action, op] of Object.entries(schema.operations).sort()) {
        if (STATEFUL.has(action)) continue;
        const Req = Sdk[op.request];
        const fn = client[`${action[0].toLowerCase()}${action.slice(1)}WithOptions`];
        try {
            assert.ok(Req && fn, `the SDK has no ${op.request} or ${action}WithOptions`);
            const resp = await fn.call(client, toModel(Req, sample(op.request)), new Dara.RuntimeOptions({}));
            assert.strictEqual(resp.statusCode, 200, `HTTP ${resp.statusCode}`);
            checkShape(op.responseBody, resp.body.toMap(), '');
        } catch (e) {
            const detail = e instanceof assert.AssertionError ? e.message
                : e && e.statusCode ? `${e.statusCode} ${e.code}: ${e.data && e.data.Message}`
                    : (e && e.stack) || e;
            console.error(`not ok - ${action}: ${detail}`);
            console.log(`${passed} passed, 1 failed`);
            process.exit(1);
        }
        passed += 1;
        console.log(`ok ${passed} - ${action}`);
    }
    // Every operation served from the schema is called.
    assert.strictEqual(passed, Object.keys(schema.operations).length - STATEFUL.size, 'operations left out');
    console.log(`${passed} passed, 0 failed`);
}

main().catch((e) => {
    console.error(e && e.stack ? e.stack : e);
    process.exit(1);
});
