#!/usr/bin/env node
'use strict';

// Produces signature test vectors with the OFFICIAL Alibaba Cloud Node.js SDKs:
//   V1 (HMAC-SHA1 RPC)          through @alicloud/pop-core      RPCClient.request()
//   V3 (ACS3-HMAC-SHA256)       through @alicloud/openapi-client Client.callApi()
//                               and @alicloud/ecs20140526 (openapi-core) describeInstancesWithOptions()
// and prints them as JSON on stdout:
//
//   node test/node/make_signature_vectors.js > test/data/signature_vectors.json
//
// The SDK packages are found by name (NODE_PATH or a node_modules next to this
// file); see package.json / package-lock.json for the pinned versions.
//
// Everything a vector records (wire request, Authorization, StringToSign,
// canonical request) was produced by the SDK code. Our own code in this file
// only *checks* what the SDKs produced (recomputes every signature from the
// captured wire request per docs/ecs-api.md sections 1 and 2, and compares
// against the official published values); any mismatch exits non-zero.
//
// How the run is kept offline and deterministic:
//
// * No network. http.request and https.request (which every SDK reaches through
//   httpx) are wrapped so that every request uses a LoopbackAgent whose
//   createConnection() opens a plain TCP connection to an HTTP server this script
//   runs on 127.0.0.1 (ephemeral port). The SDK still builds the request for
//   https://<endpoint>/ with its own Host header; only the socket differs (no
//   TLS is needed because the request bytes are written by http.ClientRequest,
//   not by the agent). The server records method, target, headers and body and
//   answers 200 {"RequestId":"X"}. As a safety net, net.Socket#connect refuses
//   any destination other than that server, and dns.lookup throws.
//
// * Clock. The SDKs read the clock with `new Date()` inside module-private or
//   static helpers (pop-core's local timestamp(), OpenApiUtil.getTimestamp(),
//   openapi-core's Utils.getTimestamp()). globalThis.Date is replaced by a
//   PinnedDate whose no-argument constructor and now() return the instant the
//   current vector asks for; Date(...) with arguments is unchanged.
//
// * Nonce. The exported helpers the SDKs call at request time are replaced
//   with a function returning the vector's nonce: kitx.makeNonce in the kitx
//   instance pop-core loads, TeaUtil.getNonce in the @alicloud/tea-util instance
//   openapi-client loads, and Utils.getNonce of @alicloud/openapi-core (ECS SDK).
//   The timestamp and nonce found on the wire are asserted equal to the pinned ones.
//
// * StringToSign. pop-core does not expose it, so kitx.sha1 (its HMAC helper) is
//   wrapped to record its input; for V3 the static OpenApiUtil.getAuthorization
//   is wrapped and, while it runs, OpenApiUtil.hash / signatureMethod record the
//   canonical request and the string to sign that the SDK hashed and signed.
//
// * V3 and credentials providers. openapi-client 0.4.x turns Config.accessKeyId/
//   accessKeySecret into an @alicloud/credentials static provider, which adds the
//   signed header x-acs-credentials-provider: static_ak (static_sts with a token).
//   Vectors meant to have only the standard header set therefore pass
//   Config.credential = a plain object whose getCredential() returns the keys
//   without a providerName; the "...static_ak"/"...static_sts" vectors use
//   Config.accessKeyId & co. as applications normally do.

const crypto = require('crypto');
const dns = require('dns');
const http = require('http');
const https = require('https');
const net = require('net');
const path = require('path');
const Module = require('module');

// ---------------------------------------------------------------- modules ---

function requireFrom(pkg) {
    return Module.createRequire(require.resolve(pkg));
}
function packageVersion(name, fromPkg) {
    const req = fromPkg ? requireFrom(fromPkg) : require;
    return req(`${name}/package.json`).version;
}

const RPCClient = require('@alicloud/pop-core').RPCClient;
const popKitx = requireFrom('@alicloud/pop-core')('kitx');

const OpenApi = require('@alicloud/openapi-client');
const oacRequire = requireFrom('@alicloud/openapi-client');
const OpenApiUtil = oacRequire('@alicloud/openapi-util').default;
const TeaUtil = oacRequire('@alicloud/tea-util').default;
const TeaUtilModule = oacRequire('@alicloud/tea-util');

const Ecs = require('@alicloud/ecs20140526');
const ecsRequire = requireFrom('@alicloud/ecs20140526');
const OpenApiCore = ecsRequire('@alicloud/openapi-core');
const CoreUtils = OpenApiCore.$OpenApiUtil.default;
const Dara = ecsRequire('@darabonba/typescript');

const GENERATED_BY = {
    '@alicloud/pop-core': packageVersion('@alicloud/pop-core'),
    '@alicloud/openapi-client': packageVersion('@alicloud/openapi-client'),
    '@alicloud/ecs20140526': packageVersion('@alicloud/ecs20140526'),
    '@alicloud/credentials': packageVersion('@alicloud/credentials'),
    // transitive packages that hold the signing / transport code
    '@alicloud/openapi-util': packageVersion('@alicloud/openapi-util', '@alicloud/openapi-client'),
    '@alicloud/tea-util': packageVersion('@alicloud/tea-util', '@alicloud/openapi-client'),
    '@alicloud/tea-typescript': packageVersion('@alicloud/tea-typescript', '@alicloud/openapi-client'),
    '@alicloud/openapi-core': packageVersion('@alicloud/openapi-core', '@alicloud/ecs20140526'),
    '@darabonba/typescript': packageVersion('@darabonba/typescript', '@alicloud/ecs20140526'),
    'kitx (pop-core)': packageVersion('kitx', '@alicloud/pop-core'),
    httpx: packageVersion('httpx', '@alicloud/pop-core'),
};

// ------------------------------------------------------------- failures ---

const failures = [];
function check(cond, what) {
    if (!cond) {
        failures.push(what);
        process.stderr.write(`FAIL: ${what}\n`);
    }
}

// ---------------------------------------------------------- clock & nonce ---

const RealDate = Date;
let pinnedMs = null;
let pinnedNonce = null;

function PinnedDate(...args) {
    if (!new.target) { // Date() called as a function returns a string
        return new RealDate(pinnedMs === null ? RealDate.now() : pinnedMs).toString();
    }
    if (args.length === 0 && pinnedMs !== null) {
        return new RealDate(pinnedMs);
    }
    return new RealDate(...args);
}
PinnedDate.prototype = RealDate.prototype;
PinnedDate.now = () => (pinnedMs === null ? RealDate.now() : pinnedMs);
PinnedDate.parse = RealDate.parse;
PinnedDate.UTC = RealDate.UTC;
globalThis.Date = PinnedDate;

function nonceHelper() {
    if (pinnedNonce === null) throw new Error('nonce requested outside a vector');
    return pinnedNonce;
}
popKitx.makeNonce = nonceHelper;          // pop-core: kitx.makeNonce()
TeaUtil.getNonce = nonceHelper;           // openapi-client: Util.getNonce()
CoreUtils.getNonce = nonceHelper;         // openapi-core (ECS SDK): Utils.getNonce()

// -------------------------------------------------- signature recording ---

let lastV1Sign = null; // {stringToSign, key}
const origSha1 = popKitx.sha1;
popKitx.sha1 = function (data, key, encoding) {
    lastV1Sign = { stringToSign: Buffer.isBuffer(data) ? data.toString('utf8') : String(data), key: String(key) };
    return origSha1.apply(this, arguments);
};

let lastV3Sign = null; // {canonicalRequest, stringToSign, authorization}
function recordV3Signer(UtilClass) {
    const origAuth = UtilClass.getAuthorization;
    const origHash = UtilClass.hash;
    const origSig = UtilClass.signatureMethod;
    let active = null;
    UtilClass.getAuthorization = function () {
        active = {};
        try {
            const auth = origAuth.apply(this, arguments);
            active.authorization = auth;
            lastV3Sign = active;
            return auth;
        } finally {
            active = null;
        }
    };
    UtilClass.hash = function (raw) {
        if (active) active.canonicalRequest = Buffer.from(raw).toString('utf8');
        return origHash.apply(this, arguments);
    };
    UtilClass.signatureMethod = function (secret, source) {
        if (active) active.stringToSign = String(source);
        return origSig.apply(this, arguments);
    };
}
recordV3Signer(OpenApiUtil);
recordV3Signer(CoreUtils);

// ----------------------------------------------------- loopback transport ---

let serverPort = 0;
const captured = [];

const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
        captured.push({
            method: req.method,
            target: req.url,
            headers: req.headers,
            body: Buffer.concat(chunks).toString('utf8'),
        });
        const body = '{"RequestId":"X"}';
        res.writeHead(200, {
            'content-type': 'application/json;charset=utf-8',
            'content-length': Buffer.byteLength(body),
            connection: 'close',
        });
        res.end(body);
    });
});

const origConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
    let o = args[0];
    if (Array.isArray(o)) o = o[0];
    if (o === null || typeof o !== 'object') o = { port: args[0], host: args[1] };
    if (o.path === undefined && !(o.host === '127.0.0.1' && Number(o.port) === serverPort && serverPort !== 0)) {
        throw new Error(`refusing network connection to ${o.host}:${o.port}`);
    }
    return origConnect.apply(this, args);
};
const origLookup = dns.lookup;
dns.lookup = function (host, ...rest) {
    if (host !== '127.0.0.1') throw new Error(`refusing DNS lookup of ${host}`);
    return origLookup.call(this, host, ...rest);
};
dns.promises.lookup = async function (host) { throw new Error(`refusing DNS lookup of ${host}`); };

class LoopbackAgent extends http.Agent {
    constructor(protocol, defaultPort) {
        super({ keepAlive: false });
        this.protocol = protocol;       // satisfies ClientRequest's protocol check
        this.defaultPort = defaultPort; // so Node's automatic Host header omits :443
    }
    createConnection() {
        return net.connect({ host: '127.0.0.1', port: serverPort });
    }
}
for (const [mod, agent] of [[http, new LoopbackAgent('http:', 80)], [https, new LoopbackAgent('https:', 443)]]) {
    const orig = mod.request;
    mod.request = function (options, ...rest) {
        if (options === null || typeof options !== 'object' || options instanceof URL) {
            throw new Error('unexpected http(s).request call form');
        }
        return orig.call(this, Object.assign({}, options, { agent }), ...rest);
    };
    mod.get = () => { throw new Error('unexpected http(s).get call'); };
}

// ---------------------------------------------------- independent checks ---

// RFC 3986 percent-encoding as specified in docs/ecs-api.md 1.3
function pctEncode(s) {
    return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}
function formDecode(s) {
    if (!s) return [];
    return s.split('&').map((kv) => {
        const i = kv.indexOf('=');
        const k = i < 0 ? kv : kv.slice(0, i);
        const v = i < 0 ? '' : kv.slice(i + 1);
        const dec = (x) => decodeURIComponent(x.replace(/\+/g, ' '));
        return [dec(k), dec(v)];
    });
}
function byteCompare(a, b) {
    return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
// Sort by the raw (decoded) name in UTF-8 byte order, then encode: that is what
// every SDK does (sorting the encoded names would put a non-ASCII name, "%E8...",
// before "AccessKeyId").
function canonicalQuery(pairs) {
    return pairs
        .slice()
        .sort((a, b) => byteCompare(a[0], b[0]) || byteCompare(a[1], b[1]))
        .map(([k, v]) => `${pctEncode(k)}=${pctEncode(v)}`)
        .join('&');
}
const sha256hex = (s) => crypto.createHash('sha256').update(Buffer.from(s, 'utf8')).digest('hex');

const V1_COMMON = new Set(['AccessKeyId', 'Action', 'Version', 'Format', 'Signature', 'SignatureMethod',
    'SignatureVersion', 'SignatureNonce', 'Timestamp', 'SecurityToken']);
const V3_STANDARD_HEADERS = new Set(['host', 'content-type', 'x-acs-action', 'x-acs-version', 'x-acs-date',
    'x-acs-signature-nonce', 'x-acs-content-sha256', 'x-acs-security-token']);

function splitTarget(target) {
    const i = target.indexOf('?');
    return i < 0 ? [target, ''] : [target.slice(0, i), target.slice(i + 1)];
}
function wireView(w) {
    const headers = {};
    for (const name of Object.keys(w.headers).sort()) {
        if (name === 'host' || name === 'content-type' || name.startsWith('x-acs-')) headers[name] = w.headers[name];
    }
    return { method: w.method, path_and_query: w.target, headers, body: w.body };
}
function samePairs(a, b) {
    const norm = (x) => JSON.stringify(x.map((p) => [p[0], String(p[1])]).sort((p, q) => byteCompare(p[0], q[0])));
    return norm(a) === norm(b);
}

// ------------------------------------------------------------- vectors ---

const V1_HOST = 'https://ecs.aliyuncs.com';

const V1_CASES = [
    {
        id: 'OFFICIAL-1', endpoint: V1_HOST, ak: 'testid', sk: 'testsecret',
        action: 'DescribeRegions', format: 'XML',
        timestamp: '2016-02-23T12:46:24Z', nonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
        params: [],
        expect: { GET: 'OLeaidS1JvxuMvnyHOwuJ+uX5qY=' },
        description: 'Official example 1 of the ECS "Request signatures" doc (Format overridden to XML).',
    },
    {
        id: 'OFFICIAL-3', endpoint: 'https://ecs.cn-beijing.aliyuncs.com', ak: 'testid', sk: 'testsecret',
        action: 'DescribeDedicatedHosts',
        timestamp: '2023-03-13T08:34:30Z', nonce: 'edb2b34af0af9a6d14deaf7c1a5315eb',
        params: [['RegionId', 'cn-beijing']],
        expect: { GET: '9NaGiOspFP5UPcwX8Iwt2YJXXuk=', POST: 'ZvQ9xGiFnquSJRvj+WE6kdSpTwU=' },
        description: 'Official example of the RPC (V2) signature doc, DescribeDedicatedHosts.',
    },
    {
        id: 'V1-STS', endpoint: 'https://ecs.cn-hangzhou.aliyuncs.com',
        ak: 'STS.NUgYrLnoC37mZZCNnAbez2Xx', sk: 'Gx3hS8pK2vZqW9mT4yLd7uBfN1cR6eJa',
        token: 'CAIS8AF1q6Ft5B2yfSjIr5bnLOnRm+5R0Y/7a1bSnV4mTctEq4Tv1jz2IHxMf3VhAeoWsvw+m2pT6/kflrh5SIRfREvNbM0tvs8MqlL+ObSNSafoTb1SjtVMjsXrVE/8GyYf=',
        action: 'DescribeInstances',
        timestamp: '2024-05-06T07:08:09Z', nonce: 'a1b2c3d4-e5f6-4711-8899-aabbccddeeff',
        params: [['RegionId', 'cn-hangzhou'], ['PageSize', '10']],
        description: 'STS credentials: SecurityToken (with + / =) is added as a common parameter and signed.',
    },
    {
        id: 'V1-REPEAT-LIST', endpoint: 'https://ecs.cn-shanghai.aliyuncs.com',
        ak: 'LTAI5tRepeatList0000001', sk: 'RepeatListSecret/with+symbols=',
        action: 'DescribeInstances',
        timestamp: '2024-01-31T23:59:59Z', nonce: '00000000000000000000000000000001',
        params: [
            ['RegionId', 'cn-shanghai'],
            ['InstanceId.1', 'i-uf6000000000000000a1'],
            ['InstanceId.2', 'i-uf6000000000000000b2'],
            ['InstanceId.3', 'i-uf6000000000000000c3'],
            ...Array.from({ length: 10 }, (_, i) => [
                [`Tag.${i + 1}.Key`, `key${i + 1}`],
                [`Tag.${i + 1}.Value`, `value ${i + 1}`],
            ]).flat(),
        ],
        description: 'Repeat lists; lexicographic (not numeric) sort puts Tag.1.* < Tag.10.* < Tag.2.*.',
    },
    {
        id: 'V1-JSON-ARRAY', endpoint: 'https://ecs.cn-qingdao.aliyuncs.com',
        ak: 'LTAI5tJsonArray00000002', sk: 'JsonArraySecret0000000000000002',
        action: 'DescribeInstances',
        timestamp: '2024-02-29T12:00:00Z', nonce: '6a1f9a4e-3c2b-4d5e-8f70-123456789abc',
        params: [['RegionId', 'cn-qingdao'], ['InstanceIds', '["i-1","i-2"]'], ['PageNumber', '1']],
        description: 'A JSON array inside a string parameter: [ ] " , are percent-encoded.',
    },
    {
        id: 'V1-SPECIAL-CHARS', endpoint: 'https://ecs.cn-hangzhou.aliyuncs.com',
        ak: 'LTAI5tSpecialChars00003', sk: 'Special+Secret/With=Chars&More',
        action: 'ModifyInstanceAttribute',
        timestamp: '2024-03-10T01:02:03Z', nonce: 'special-chars-nonce-0003',
        params: [
            ['InstanceId', 'i-bp1special00000003'],
            ['Description', "a b*c~d!e'f(g)h+i/j=k&l"],
            ['HostName', 'host~name.with-dots_and_underscores'],
            ['UserData', 'IyEvYmluL3NoCmVjaG8gaGk+Pz8/=='],
            ['InstanceName', 'percent%20colon:semi;comma,at@hash#question?dollar$'],
        ],
        description: 'Reserved/sub-delim characters: space %20, * %2A, ~ literal, !\'() escaped, + / = & escaped.',
    },
    {
        id: 'V1-UTF8', endpoint: 'https://ecs.ap-northeast-1.aliyuncs.com',
        ak: 'LTAI5tUtf8Values0000004', sk: 'Utf8Secret000000000000000000004',
        action: 'ModifyInstanceAttribute',
        timestamp: '2024-04-01T00:00:00Z', nonce: 'utf8-nonce-服务器-0004',
        params: [
            ['InstanceId', 'i-6we0utf8000000000004'],
            ['InstanceName', '服务器-テスト'],
            ['Description', 'Ünïcødé ✓ 🚀'],
            ['说明', '值'],
        ],
        description: 'UTF-8 values, a UTF-8 parameter name and a UTF-8 nonce (all percent-encoded as UTF-8 bytes).',
    },
    {
        id: 'V1-EMPTY-VALUE', endpoint: 'https://ecs.cn-hangzhou.aliyuncs.com',
        ak: 'LTAI5tEmptyValue0000005', sk: 'EmptyValueSecret00000000000005',
        action: 'ModifyInstanceAttribute',
        timestamp: '2024-06-15T18:30:00Z', nonce: 'e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5',
        params: [['InstanceId', 'i-bp1empty000000000005'], ['Description', '']],
        description: 'An empty value is kept and signed as "Description=".',
    },
    {
        id: 'V1-FLATTENED-STRUCT', endpoint: 'https://ecs.cn-shenzhen.aliyuncs.com',
        ak: 'LTAI5tFlattened00000006', sk: 'FlattenedSecret00000000000006',
        action: 'RunInstances',
        timestamp: '2024-07-04T09:10:11Z', nonce: 'f1a77e9ed0000000000000000000006',
        params: [
            ['RegionId', 'cn-shenzhen'],
            ['ImageId', 'aliyun_3_x64_20G_alibase_20240528.vhd'],
            ['InstanceType', 'ecs.g7.large'],
            ['SystemDisk.Category', 'cloud_essd'],
            ['SystemDisk.Size', '40'],
            ['DataDisk.1.Size', '100'],
            ['DataDisk.1.Category', 'cloud_efficiency'],
            ['DataDisk.2.Size', '2000'],
            ['NetworkInterface.1.SecurityGroupIds.1', 'sg-wz9flat000000000001'],
            ['Amount', '2'],
        ],
        description: 'Flattened structs and lists of structs (SystemDisk.Category, DataDisk.1.Size, ...).',
    },
];

async function runV1(c, method) {
    const name = `${c.id} ${method}`;
    pinnedMs = RealDate.parse(c.timestamp);
    pinnedNonce = c.nonce;
    lastV1Sign = null;
    captured.length = 0;

    const client = new RPCClient({
        endpoint: c.endpoint,
        apiVersion: '2014-05-26',
        accessKeyId: c.ak,
        accessKeySecret: c.sk,
        securityToken: c.token,
    });
    const params = {};
    for (const [k, v] of c.params) params[k] = v;
    if (c.format) params.Format = c.format;
    const result = await client.request(c.action, params, { method });
    pinnedMs = null;
    pinnedNonce = null;

    check(result && result.RequestId === 'X', `${name}: SDK did not accept the stub response`);
    check(captured.length === 1, `${name}: expected exactly one request, got ${captured.length}`);
    const w = captured[0];
    const [pathOnly, query] = splitTarget(w.target);
    check(w.method === method, `${name}: wire method ${w.method}`);
    check(pathOnly === '/', `${name}: wire path ${pathOnly}`);

    // --- recompute from what was sent (docs/ecs-api.md 1.4-1.5) and compare
    const sent = formDecode(query).concat(w.headers['content-type'] === 'application/x-www-form-urlencoded' ? formDecode(w.body) : []);
    const sentMap = new Map(sent);
    check(sentMap.size === sent.length, `${name}: duplicate parameter on the wire`);
    const signature = sentMap.get('Signature');
    const unsigned = sent.filter(([k]) => k !== 'Signature');
    const stringToSign = `${method}&${pctEncode('/')}&${pctEncode(canonicalQuery(unsigned))}`;
    const recomputed = crypto.createHmac('sha1', `${c.sk}&`).update(Buffer.from(stringToSign, 'utf8')).digest('base64');
    check(lastV1Sign !== null, `${name}: pop-core's StringToSign was not recorded`);
    check(lastV1Sign && lastV1Sign.stringToSign === stringToSign, `${name}: recorded StringToSign differs from the one recomputed from the wire:\n  sdk:  ${lastV1Sign && lastV1Sign.stringToSign}\n  wire: ${stringToSign}`);
    check(lastV1Sign && lastV1Sign.key === `${c.sk}&`, `${name}: HMAC key is not secret + "&"`);
    check(recomputed === signature, `${name}: HMAC-SHA1 of StringToSign != Signature sent`);
    if (c.expect && c.expect[method]) {
        check(signature === c.expect[method], `${name}: signature ${signature} != official ${c.expect[method]}`);
    }

    // --- what was sent must be exactly the common params + the vector's params
    const format = sentMap.get('Format');
    check(sentMap.get('Timestamp') === c.timestamp, `${name}: clock not pinned (${sentMap.get('Timestamp')})`);
    check(sentMap.get('SignatureNonce') === c.nonce, `${name}: nonce not pinned (${sentMap.get('SignatureNonce')})`);
    check(sentMap.get('AccessKeyId') === c.ak && sentMap.get('Action') === c.action && sentMap.get('Version') === '2014-05-26'
        && sentMap.get('SignatureMethod') === 'HMAC-SHA1' && sentMap.get('SignatureVersion') === '1.0'
        && format === (c.format || 'JSON'), `${name}: unexpected common parameters`);
    check(sentMap.get('SecurityToken') === c.token, `${name}: SecurityToken mismatch`);
    const opParams = sent.filter(([k]) => !V1_COMMON.has(k));
    check(samePairs(opParams, c.params), `${name}: operation parameters on the wire differ from the input`);
    check((method === 'GET') === (query !== '' && w.body === ''), `${name}: unexpected placement of the parameters`);

    const v = {
        name,
        description: c.description,
        sdk: '@alicloud/pop-core',
        signature_version: 'v1',
        method,
        host: w.headers.host,
        access_key_id: c.ak,
        access_key_secret: c.sk,
    };
    if (c.token) v.security_token = c.token;
    Object.assign(v, {
        action: c.action,
        version: '2014-05-26',
        timestamp: c.timestamp,
        nonce: c.nonce,
        params: c.params,
        format,
        params_in: method === 'GET' ? 'query' : 'body',
        string_to_sign: lastV1Sign ? lastV1Sign.stringToSign : null,
        signature,
        wire: wireView(w),
    });
    return v;
}

// V3 (openapi-client). `cred`: 'plain' (Config.credential without providerName)
// or 'config' (Config.accessKeyId/accessKeySecret/securityToken -> @alicloud/credentials).
const V3_CASES = [
    {
        id: 'V3-OFFICIAL', endpoint: 'ecs.cn-shanghai.aliyuncs.com', cred: 'plain',
        ak: 'YourAccessKeyId', sk: 'YourAccessKeySecret', action: 'RunInstances',
        timestamp: '2023-10-26T10:22:32Z', nonce: '3156853299f313e23d1673dc12e1703d',
        params: [['ImageId', 'win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd'], ['RegionId', 'cn-shanghai']],
        expect: '06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0',
        description: 'Official example of the V3 signature doc (standard signed header set only).',
    },
    {
        id: 'V3-OFFICIAL static_ak', endpoint: 'ecs.cn-shanghai.aliyuncs.com', cred: 'config',
        ak: 'YourAccessKeyId', sk: 'YourAccessKeySecret', action: 'RunInstances',
        timestamp: '2023-10-26T10:22:32Z', nonce: '3156853299f313e23d1673dc12e1703d',
        params: [['ImageId', 'win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd'], ['RegionId', 'cn-shanghai']],
        expect: '1d749cd04a4f899dcceb0bfc53015d4931f04df3462a80ead981d63982db2cb4',
        description: 'Same as V3-OFFICIAL through Config.accessKeyId: the @alicloud/credentials static provider adds x-acs-credentials-provider: static_ak, which is signed.',
    },
    {
        id: 'V3-STS', endpoint: 'ecs.cn-hangzhou.aliyuncs.com', cred: 'plain',
        ak: 'STS.NTkq9ZRx8Wv3bY4uCe5dFg6hJ', sk: 'StsSecret+With/Slash=',
        token: 'CAISzQJ1q6Ft5B2yfSjIr5bgIuDzm+pK1Y+Ga0TnrkVgS9Z/t7TIhDz2IHxMf3VhAeoWsvw+m2pT6/kflrh5SIRfREvNbM0tvs8MqlL+ObSNSafoTb1SjtVMjsXrVE/8GyYf+m0XZ4mmZ6pYg==',
        action: 'DescribeInstances',
        timestamp: '2024-08-01T02:03:04Z', nonce: '9f8e7d6c5b4a39281706f5e4d3c2b1a0',
        params: [['RegionId', 'cn-hangzhou'], ['InstanceChargeType', 'PostPaid']],
        description: 'STS credentials: the SDK adds x-acs-accesskey-id and x-acs-security-token, both signed.',
    },
    {
        id: 'V3-STS static_sts', endpoint: 'ecs.cn-hangzhou.aliyuncs.com', cred: 'config',
        ak: 'STS.NTkq9ZRx8Wv3bY4uCe5dFg6hJ', sk: 'StsSecret+With/Slash=',
        token: 'CAISzQJ1q6Ft5B2yfSjIr5bgIuDzm+pK1Y+Ga0TnrkVgS9Z/t7TIhDz2IHxMf3VhAeoWsvw+m2pT6/kflrh5SIRfREvNbM0tvs8MqlL+ObSNSafoTb1SjtVMjsXrVE/8GyYf+m0XZ4mmZ6pYg==',
        action: 'DescribeInstances',
        timestamp: '2024-08-01T02:03:04Z', nonce: '9f8e7d6c5b4a39281706f5e4d3c2b1a0',
        params: [['RegionId', 'cn-hangzhou'], ['InstanceChargeType', 'PostPaid']],
        description: 'Same as V3-STS through Config.securityToken: additionally x-acs-credentials-provider: static_sts.',
    },
    {
        id: 'V3-REPEAT-LIST', endpoint: 'ecs.cn-shanghai.aliyuncs.com', cred: 'plain',
        ak: 'LTAI5tV3RepeatList00011', sk: 'V3RepeatListSecret000000000011', action: 'DescribeInstances',
        timestamp: '2024-09-09T09:09:09Z', nonce: '11111111222222223333333344444444',
        params: [
            ['RegionId', 'cn-shanghai'],
            ['InstanceId.1', 'i-uf6v3000000000000a1'],
            ['InstanceId.2', 'i-uf6v3000000000000b2'],
            ['InstanceId.3', 'i-uf6v3000000000000c3'],
            ...Array.from({ length: 10 }, (_, i) => [
                [`Tag.${i + 1}.Key`, `key${i + 1}`],
                [`Tag.${i + 1}.Value`, `value ${i + 1}`],
            ]).flat(),
        ],
        description: 'Repeat lists in the query; canonical query sorted lexicographically (Tag.1 < Tag.10 < Tag.2).',
    },
    {
        id: 'V3-JSON-ARRAY', endpoint: 'ecs.cn-beijing.aliyuncs.com', cred: 'plain',
        ak: 'LTAI5tV3JsonArray000012', sk: 'V3JsonArraySecret0000000000012', action: 'DescribeInstances',
        timestamp: '2024-10-10T10:10:10Z', nonce: 'b7e4c1d0a9f8e7d6c5b4a39281706f5e',
        params: [['RegionId', 'cn-beijing'], ['InstanceIds', '["i-1","i-2"]'], ['MaxResults', '50']],
        description: 'A JSON array inside a string query parameter.',
    },
    {
        id: 'V3-SPECIAL-CHARS', endpoint: 'ecs.cn-hangzhou.aliyuncs.com', cred: 'plain',
        ak: 'LTAI5tV3Special00000013', sk: 'V3Special+Secret/=', action: 'ModifyInstanceAttribute',
        timestamp: '2024-11-11T11:11:11Z', nonce: 'c0ffee00c0ffee00c0ffee00c0ffee13',
        params: [
            ['InstanceId', 'i-bp1v3special0000013'],
            ['Description', "a b*c~d!e'f(g)h+i/j=k&l"],
            ['InstanceName', '服务器-テスト'],
            ['HostName', 'Ünïcødé ✓ 🚀'],
            ['UserData', 'IyEvYmluL3NoCmVjaG8gaGk+Pz8/=='],
            ['Password', 'percent%20colon:semi;comma,at@hash#question?dollar$'],
        ],
        description: 'Spaces, * ~ ! \' ( ) + / = & % and UTF-8 values in the query. The canonical query is strictly encoded even where the wire is not.',
    },
    {
        id: 'V3-EMPTY-VALUE', endpoint: 'ecs.cn-hangzhou.aliyuncs.com', cred: 'plain',
        ak: 'LTAI5tV3EmptyValue00014', sk: 'V3EmptyValueSecret00000000014', action: 'ModifyInstanceAttribute',
        timestamp: '2024-12-24T23:45:00Z', nonce: 'e0e0e0e0e0e0e0e0e0e0e0e0e0e0e014',
        params: [['InstanceId', 'i-bp1v3empty000000014'], ['Description', '']],
        description: 'An empty query value is signed as "Description=".',
    },
    {
        id: 'V3-FLATTENED-STRUCT', endpoint: 'ecs.cn-shenzhen.aliyuncs.com', cred: 'plain',
        ak: 'LTAI5tV3Flattened000015', sk: 'V3FlattenedSecret00000000015', action: 'RunInstances',
        timestamp: '2025-01-02T03:04:05Z', nonce: 'f1a77e9ed0000000000000000000015a',
        params: [
            ['RegionId', 'cn-shenzhen'],
            ['ImageId', 'aliyun_3_x64_20G_alibase_20240528.vhd'],
            ['InstanceType', 'ecs.g7.large'],
            ['SystemDisk.Category', 'cloud_essd'],
            ['SystemDisk.Size', '40'],
            ['DataDisk.1.Size', '100'],
            ['DataDisk.1.Category', 'cloud_efficiency'],
            ['DataDisk.2.Size', '2000'],
            ['NetworkInterface.1.SecurityGroupIds.1', 'sg-wz9v3flat0000000015'],
            ['Amount', '2'],
        ],
        description: 'Flattened structs and lists of structs in the query.',
    },
    {
        id: 'V3-FORM-BODY', endpoint: 'ecs.cn-hangzhou.aliyuncs.com', cred: 'plain', paramsIn: 'body',
        ak: 'LTAI5tV3FormBody000016', sk: 'V3FormBodySecret000000000016', action: 'ModifyInstanceAttribute',
        timestamp: '2025-02-03T04:05:06Z', nonce: '0123456789abcdef0123456789abcd16',
        params: [
            ['InstanceId', 'i-bp1v3form0000000016'],
            ['Description', 'a b~c+d/e=f&g 100% ok'],
            ['InstanceName', '服务器-テスト'],
            ['Tag.1.Key', 'env'],
            ['Tag.1.Value', ''],
        ],
        description: 'Parameters in an application/x-www-form-urlencoded body (no !\'()* in the values, so the SDK body equals the strict RFC 3986 encoding, in the order given): empty canonical query; the body enters only through x-acs-content-sha256.',
    },
    {
        id: 'V3-FORM-BODY-SUBDELIMS', endpoint: 'ecs.cn-hangzhou.aliyuncs.com', cred: 'plain', paramsIn: 'body',
        ak: 'LTAI5tV3FormBody000018', sk: 'V3FormBodySecret000000000018', action: 'ModifyInstanceAttribute',
        timestamp: '2025-02-03T04:05:07Z', nonce: '0123456789abcdef0123456789abcd18',
        params: [
            ['InstanceId', 'i-bp1v3form0000000018'],
            ['Description', "a*b!c'd(e)f"],
        ],
        description: "Form body with * ! ' ( ): the SDK (querystring.stringify) leaves them unescaped in the body, and x-acs-content-sha256 is the hash of those raw bytes; a signer that escapes them strictly produces a different body hash.",
    },
    {
        id: 'V3-ENDPOINT-PORT', endpoint: '127.0.0.1:8443', cred: 'plain',
        ak: 'LTAI5tV3Port00000000017', sk: 'V3PortSecret0000000000000017', action: 'DescribeRegions',
        timestamp: '2025-03-04T05:06:07Z', nonce: 'aaaabbbbccccddddeeeeffff00001117',
        params: [['RegionId', 'cn-hangzhou'], ['AcceptLanguage', 'zh-CN']],
        description: 'An endpoint with a port: the signed host header keeps ":8443".',
    },
];

function plainCredential(ak, sk, token) {
    // A custom credential client: keys only, no providerName -> no x-acs-credentials-provider header.
    return {
        getCredential: async () => ({
            accessKeyId: ak,
            accessKeySecret: sk,
            securityToken: token,
            type: token ? 'sts' : 'access_key',
        }),
    };
}

function checkV3Wire(name, w, secret, ak, token) {
    const [pathOnly, query] = splitTarget(w.target);
    check(pathOnly === '/', `${name}: wire path ${pathOnly}`);
    const auth = w.headers.authorization || '';
    const m = /^ACS3-HMAC-SHA256 Credential=([^,]*),SignedHeaders=([^,]*),Signature=([0-9a-f]{64})$/.exec(auth);
    check(m !== null, `${name}: malformed Authorization ${auth}`);
    if (!m) return null;
    check(m[1] === ak, `${name}: Credential ${m[1]} != ${ak}`);
    const signed = m[2].split(';');
    const signable = Object.keys(w.headers).filter((h) => h === 'host' || h === 'content-type' || h.startsWith('x-acs-')).sort();
    check(JSON.stringify(signed) === JSON.stringify(signable), `${name}: SignedHeaders ${m[2]} != all host/content-type/x-acs-* headers sent`);
    for (const h of ['host', 'x-acs-action', 'x-acs-version', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256']) {
        check(signed.includes(h), `${name}: ${h} not signed`);
    }
    check(sha256hex(w.body) === w.headers['x-acs-content-sha256'], `${name}: x-acs-content-sha256 != sha256(body)`);
    check((token || undefined) === w.headers['x-acs-security-token'], `${name}: x-acs-security-token mismatch`);
    const canonicalRequest = [
        w.method, '/', canonicalQuery(formDecode(query)),
        signed.map((h) => `${h}:${String(w.headers[h]).trim()}\n`).join(''),
        signed.join(';'), w.headers['x-acs-content-sha256'],
    ].join('\n');
    const stringToSign = `ACS3-HMAC-SHA256\n${sha256hex(canonicalRequest)}`;
    const sig = crypto.createHmac('sha256', secret).update(Buffer.from(stringToSign, 'utf8')).digest('hex');
    check(lastV3Sign !== null, `${name}: the SDK's canonical request was not recorded`);
    if (lastV3Sign) {
        check(lastV3Sign.canonicalRequest === canonicalRequest, `${name}: SDK canonical request differs from the one recomputed from the wire`);
        check(lastV3Sign.stringToSign === stringToSign, `${name}: SDK StringToSign differs from the one recomputed from the wire`);
        check(lastV3Sign.authorization === auth, `${name}: Authorization sent != Authorization computed`);
    }
    check(sig === m[3], `${name}: HMAC-SHA256 of the StringToSign != Signature sent`);
    return { signed, signature: m[3], query };
}

function v3Record(c, name, sdk, w, chk, params, paramsIn) {
    const extra = chk.signed.filter((h) => !V3_STANDARD_HEADERS.has(h)).map((h) => [h, w.headers[h]]);
    const v = {
        name,
        description: c.description,
        sdk,
        signature_version: 'v3',
        method: w.method,
        host: w.headers.host,
        access_key_id: c.ak,
        access_key_secret: c.sk,
    };
    if (c.token) v.security_token = c.token;
    Object.assign(v, {
        action: c.action,
        version: '2014-05-26',
        timestamp: c.timestamp,
        nonce: c.nonce,
        params,
        params_in: paramsIn,
        extra_signed_headers: extra,
        signed_headers: chk.signed.join(';'),
        canonical_request: lastV3Sign.canonicalRequest,
        string_to_sign: lastV3Sign.stringToSign,
        signature: chk.signature,
        authorization: w.headers.authorization,
        wire: wireView(w),
    });
    return v;
}

async function runV3(c) {
    const name = c.id;
    const paramsIn = c.paramsIn || 'query';
    pinnedMs = RealDate.parse(c.timestamp);
    pinnedNonce = c.nonce;
    lastV3Sign = null;
    captured.length = 0;

    const cfg = { endpoint: c.endpoint };
    if (c.cred === 'plain') {
        cfg.credential = plainCredential(c.ak, c.sk, c.token);
    } else {
        cfg.accessKeyId = c.ak;
        cfg.accessKeySecret = c.sk;
        if (c.token) cfg.securityToken = c.token;
    }
    const client = new OpenApi.default(new OpenApi.Config(cfg));
    const params = new OpenApi.Params({
        action: c.action, version: '2014-05-26', protocol: 'HTTPS', pathname: '/',
        method: 'POST', authType: 'AK', style: 'RPC', reqBodyType: 'formData', bodyType: 'json',
    });
    const map = {};
    for (const [k, v] of c.params) map[k] = v;
    const request = new OpenApi.OpenApiRequest(paramsIn === 'query' ? { query: OpenApiUtil.query(map) } : { body: map });
    const result = await client.callApi(params, request, new TeaUtilModule.RuntimeOptions({}));
    pinnedMs = null;
    pinnedNonce = null;

    check(result && result.body && result.body.RequestId === 'X', `${name}: SDK did not accept the stub response`);
    check(captured.length === 1, `${name}: expected exactly one request, got ${captured.length}`);
    const w = captured[0];
    check(w.method === 'POST', `${name}: method ${w.method}`);
    check(w.headers.host === c.endpoint, `${name}: host ${w.headers.host}`);
    check(w.headers['x-acs-date'] === c.timestamp, `${name}: clock not pinned (${w.headers['x-acs-date']})`);
    check(w.headers['x-acs-signature-nonce'] === c.nonce, `${name}: nonce not pinned`);
    check(w.headers['x-acs-action'] === c.action && w.headers['x-acs-version'] === '2014-05-26', `${name}: action/version headers`);
    const chk = checkV3Wire(name, w, c.sk, c.ak, c.token);
    if (!chk) return null;
    const sentParams = paramsIn === 'query' ? formDecode(chk.query) : formDecode(w.body);
    check(samePairs(sentParams, c.params), `${name}: parameters on the wire differ from the input`);
    check(paramsIn === 'query' ? w.body === '' : chk.query === '', `${name}: unexpected placement of the parameters`);
    if (c.expect) check(chk.signature === c.expect, `${name}: signature ${chk.signature} != official ${c.expect}`);
    return v3Record(c, name, '@alicloud/openapi-client', w, chk, c.params, paramsIn);
}

// docs/ecs-api.md 2.3: the ECS SDK itself (openapi-core underneath).
const ECS_CASE = {
    id: 'V3-ECS-SDK DescribeInstances', region: 'cn-shanghai',
    ak: 'testid', sk: 'testsecret', action: 'DescribeInstances',
    timestamp: '2024-01-02T03:04:05Z', nonce: 'nonce-ecs-0001',
    expect: 'c6668cc785ff6b948444735c433453811f88f2eda7d46a28dfba3a6f773d0567',
    description: 'Wire capture of @alicloud/ecs20140526 describeInstancesWithOptions (docs/ecs-api.md 2.3): the SDK flattens Tag[] and sends every parameter in the query.',
};

async function runEcs(c) {
    const name = c.id;
    pinnedMs = RealDate.parse(c.timestamp);
    pinnedNonce = c.nonce;
    lastV3Sign = null;
    captured.length = 0;

    const client = new Ecs.default(new OpenApiCore.$OpenApiUtil.Config({
        credential: plainCredential(c.ak, c.sk),
        regionId: c.region,
    }));
    const request = new Ecs.DescribeInstancesRequest({
        regionId: c.region,
        instanceIds: '["i-1","i-2"]',
        maxResults: 20,
        tag: [new Ecs.DescribeInstancesRequestTag({ key: 'env', value: 'prod' })],
    });
    const result = await client.describeInstancesWithOptions(request, new Dara.RuntimeOptions({}));
    pinnedMs = null;
    pinnedNonce = null;

    check(result && result.body && result.body.requestId === 'X', `${name}: SDK did not accept the stub response`);
    check(captured.length === 1, `${name}: expected exactly one request, got ${captured.length}`);
    const w = captured[0];
    check(w.headers['x-acs-date'] === c.timestamp, `${name}: clock not pinned`);
    check(w.headers['x-acs-signature-nonce'] === c.nonce, `${name}: nonce not pinned`);
    const chk = checkV3Wire(name, w, c.sk, c.ak, undefined);
    if (!chk) return null;
    check(w.body === '', `${name}: unexpected body`);
    check(chk.signature === c.expect, `${name}: signature ${chk.signature} != docs/ecs-api.md 2.3 value ${c.expect}`);
    return v3Record(c, name, '@alicloud/ecs20140526', w, chk, formDecode(chk.query), 'query');
}

// ----------------------------------------------------------------- main ---

async function main() {
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    serverPort = server.address().port;

    const vectors = [];
    for (const c of V1_CASES) {
        for (const method of ['GET', 'POST']) vectors.push(await runV1(c, method));
    }
    for (const c of V3_CASES) vectors.push(await runV3(c));
    vectors.push(await runEcs(ECS_CASE));

    server.close();
    server.closeAllConnections();

    const names = new Set(vectors.filter(Boolean).map((v) => v.name));
    check(names.size === vectors.length, 'vector names are not unique (or a vector failed)');

    if (failures.length > 0) {
        process.stderr.write(`${failures.length} check(s) failed; no vectors written\n`);
        process.exitCode = 1;
        return;
    }
    const out = {
        generated_by: GENERATED_BY,
        conventions: {
            params: 'operation parameters only (no AccessKeyId, Action, Version, Format, Signature*, Timestamp, SecurityToken, SignatureNonce), flattened, in the order given to the SDK',
            params_in: 'where the operation parameters travel: V1 GET and V3 query = URL query; V1 POST (pop-core) = form body that also carries the common parameters and Signature',
            extra_signed_headers: 'V3 signed headers other than host, content-type, x-acs-action, x-acs-version, x-acs-date, x-acs-signature-nonce, x-acs-content-sha256 and x-acs-security-token',
            string_to_sign: 'exactly what the SDK fed to its HMAC (recorded from the SDK, and cross-checked against a recomputation from the wire request)',
            wire: 'the request as received by the loopback server; headers limited to host, content-type and x-acs-*; names lower case',
        },
        vectors,
    };
    // Pretty-print, with each [name, value] pair kept on one line.
    const str = '"(?:[^"\\\\]|\\\\.)*"';
    const pair = new RegExp(`\\[\\n\\s*(${str}),\\n\\s*(${str})\\n\\s*\\]`, 'g');
    process.stdout.write(`${JSON.stringify(out, null, 2).replace(pair, '[$1, $2]')}\n`);
}

main().catch((err) => {
    process.stderr.write(`error: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 1;
    try { server.close(); server.closeAllConnections(); } catch (_) { /* ignore */ }
});
