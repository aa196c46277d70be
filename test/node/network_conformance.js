#!/usr/bin/env node
'use strict';

// The emulator's network state driven by the OFFICIAL Node.js SDKs
// (@alicloud/vpc20160428 and @alicloud/ecs20140526, V3 signatures, verified
// HTTPS): the answers of the operations it keeps state for are ones the SDKs
// accept, their values are the state (a VPC made is the VPC described, an
// instance launched into a vSwitch is placed there), and the service's error
// codes reach the SDK as its errors.
//
//   node network_conformance.js https://127.0.0.1:PORT
//
// with NODE_EXTRA_CA_CERTS and NODE_PATH as for ecs_conformance.js. One line
// per passed check; the first failure exits 1; the last line is
// "N passed, 0 failed".

const assert = require('assert');
const Module = require('module');
const Vpc = require('@alicloud/vpc20160428');
const Ecs = require('@alicloud/ecs20140526');
const vpcRequire = Module.createRequire(require.resolve('@alicloud/vpc20160428'));
const OpenApiCore = vpcRequire('@alicloud/openapi-core');

const BASE = process.argv[2];
if (!BASE || !/^https:\/\/[^/]+$/.test(BASE) || !process.env.NODE_EXTRA_CA_CERTS) {
    console.error('usage: NODE_EXTRA_CA_CERTS=ca.pem node network_conformance.js https://127.0.0.1:PORT');
    process.exit(2);
}
const REGION = 'cn-hangzhou';
const config = () => new OpenApiCore.$OpenApiUtil.Config({
    accessKeyId: 'testid', accessKeySecret: 'testsecret', endpoint: new URL(BASE).host, regionId: REGION,
});
const vpc = new Vpc.default(config());
const ecs = new Ecs.default(config());

let passed = 0;
async function check(label, fn) {
    try {
        await fn();
    } catch (e) {
        console.error(`FAIL - ${label}\n${e && e.stack ? e.stack : e}`);
        console.log(`${passed} passed, 1 failed`);
        process.exit(1);
    }
    passed += 1;
    console.log(`ok ${passed} - ${label}`);
}

// The SDK's error for a call the service refuses, with its Code.
async function refused(promise, code) {
    try {
        await promise;
    } catch (e) {
        assert.strictEqual(e.code, code, `expected ${code}, got ${e.code}: ${e.message}`);
        return;
    }
    assert.fail(`expected ${code}, the call succeeded`);
}

async function until(what, ready) {
    for (let i = 0; i < 200; ++i) {
        if (await ready()) return;
        await new Promise((r) => setTimeout(r, 50));
    }
    assert.fail(`${what}: not after 10 s`);
}

async function main() {
    let vpcId, vswId, sgId, ids, allocationId, eipAddress;

    await check('CreateVpc answers an id; DescribeVpcs shows it Pending, then Available, with its CIDR', async () => {
        const made = await vpc.createVpc(new Vpc.CreateVpcRequest({ regionId: REGION, cidrBlock: '10.0.0.0/16', vpcName: 'node' }));
        vpcId = made.body.vpcId;
        assert.match(vpcId, /^vpc-/);
        assert.ok(made.body.VRouterId || made.body.vRouterId, 'no VRouterId');
        await until('Available', async () => {
            const d = await vpc.describeVpcs(new Vpc.DescribeVpcsRequest({ regionId: REGION, vpcId }));
            assert.strictEqual(d.body.vpcs.vpc.length, 1);
            assert.strictEqual(d.body.vpcs.vpc[0].cidrBlock, '10.0.0.0/16');
            return d.body.vpcs.vpc[0].status === 'Available';
        });
    });
    await check('CreateVSwitch inside the VPC; an overlapping one, or one in an unknown VPC, gets the service\'s code', async () => {
        const made = await vpc.createVSwitch(new Vpc.CreateVSwitchRequest({
            regionId: REGION, vpcId, zoneId: 'cn-hangzhou-h', cidrBlock: '10.0.1.0/24' }));
        vswId = made.body.vSwitchId;
        assert.match(vswId, /^vsw-/);
        await refused(vpc.createVSwitch(new Vpc.CreateVSwitchRequest({
            regionId: REGION, vpcId, zoneId: 'cn-hangzhou-h', cidrBlock: '10.0.1.128/25' })), 'InvalidCidrBlock.Overlapped');
        await refused(vpc.createVSwitch(new Vpc.CreateVSwitchRequest({
            regionId: REGION, vpcId: 'vpc-nosuch', zoneId: 'cn-hangzhou-h', cidrBlock: '10.0.2.0/24' })), 'InvalidVpcId.NotFound');
        await until('vSwitch Available', async () => {
            const d = await vpc.describeVSwitches(new Vpc.DescribeVSwitchesRequest({ regionId: REGION, vSwitchId: vswId }));
            assert.strictEqual(d.body.vSwitches.vSwitch[0].vpcId, vpcId);
            return d.body.vSwitches.vSwitch[0].status === 'Available';
        });
    });
    await check('CreateSecurityGroup in the VPC, AuthorizeSecurityGroup 22/tcp, the rule described', async () => {
        const made = await ecs.createSecurityGroup(new Ecs.CreateSecurityGroupRequest({ regionId: REGION, vpcId }));
        sgId = made.body.securityGroupId;
        await ecs.authorizeSecurityGroup(new Ecs.AuthorizeSecurityGroupRequest({
            regionId: REGION, securityGroupId: sgId,
            permissions: [new Ecs.AuthorizeSecurityGroupRequestPermissions({
                ipProtocol: 'TCP', portRange: '22/22', sourceCidrIp: '203.0.113.0/24', policy: 'accept' })] }));
        const d = await ecs.describeSecurityGroupAttribute(new Ecs.DescribeSecurityGroupAttributeRequest({
            regionId: REGION, securityGroupId: sgId }));
        assert.strictEqual(d.body.vpcId, vpcId);
        const rules = d.body.permissions.permission;
        assert.ok(rules.some((p) => p.portRange === '22/22' && p.sourceCidrIp === '203.0.113.0/24'), JSON.stringify(rules));
    });
    await check('RunInstances into the vSwitch and group: DescribeInstances shows them placed there', async () => {
        const run = await ecs.runInstances(new Ecs.RunInstancesRequest({
            regionId: REGION, imageId: 'aliyun_3_x64_20G_alibase_20240528.vhd', instanceType: 'ecs.g7.large',
            vSwitchId: vswId, securityGroupId: sgId, amount: 2 }));
        ids = run.body.instanceIdSets.instanceIdSet;
        assert.strictEqual(ids.length, 2);
        const d = await ecs.describeInstances(new Ecs.DescribeInstancesRequest({ regionId: REGION, instanceIds: JSON.stringify(ids) }));
        const addresses = new Set();
        for (const i of d.body.instances.instance) {
            assert.strictEqual(i.vpcAttributes.vpcId, vpcId);
            assert.strictEqual(i.vpcAttributes.vSwitchId, vswId);
            assert.strictEqual(i.zoneId, 'cn-hangzhou-h');
            assert.deepStrictEqual(i.securityGroupIds.securityGroupId, [sgId]);
            const ip = i.vpcAttributes.privateIpAddress.ipAddress[0];
            assert.match(ip, /^10\.0\.1\.\d+$/);
            addresses.add(ip);
        }
        assert.strictEqual(addresses.size, 2, 'private addresses are unique');
    });
    await check('a group of another VPC with this vSwitch is refused: InvalidParameter.Mismatch', async () => {
        const other = await vpc.createVpc(new Vpc.CreateVpcRequest({ regionId: REGION, cidrBlock: '192.168.0.0/16' }));
        const group = await ecs.createSecurityGroup(new Ecs.CreateSecurityGroupRequest({ regionId: REGION, vpcId: other.body.vpcId }));
        await refused(ecs.runInstances(new Ecs.RunInstancesRequest({
            regionId: REGION, imageId: 'aliyun_3_x64_20G_alibase_20240528.vhd', instanceType: 'ecs.g7.large',
            vSwitchId: vswId, securityGroupId: group.body.securityGroupId })), 'InvalidParameter.Mismatch');
        await ecs.deleteSecurityGroup(new Ecs.DeleteSecurityGroupRequest({ regionId: REGION, securityGroupId: group.body.securityGroupId }));
        await until('the other VPC Available', async () => {
            const d = await vpc.describeVpcs(new Vpc.DescribeVpcsRequest({ regionId: REGION, vpcId: other.body.vpcId }));
            return d.body.vpcs.vpc[0].status === 'Available';
        });
        await vpc.deleteVpc(new Vpc.DeleteVpcRequest({ regionId: REGION, vpcId: other.body.vpcId }));
    });
    await check('AllocateEipAddress, AssociateEipAddress: InUse, and the instance shows it', async () => {
        await until('Running', async () => {
            const s = await ecs.describeInstanceStatus(new Ecs.DescribeInstanceStatusRequest({ regionId: REGION, instanceId: ids }));
            return s.body.instanceStatuses.instanceStatus.every((x) => x.status === 'Running');
        });
        const eip = await vpc.allocateEipAddress(new Vpc.AllocateEipAddressRequest({ regionId: REGION }));
        allocationId = eip.body.allocationId;
        eipAddress = eip.body.eipAddress;
        await vpc.associateEipAddress(new Vpc.AssociateEipAddressRequest({
            regionId: REGION, allocationId, instanceId: ids[0], instanceType: 'EcsInstance' }));
        const d = await vpc.describeEipAddresses(new Vpc.DescribeEipAddressesRequest({ regionId: REGION, allocationId }));
        const e = d.body.eipAddresses.eipAddress[0];
        assert.strictEqual(e.status, 'InUse');
        assert.strictEqual(e.instanceId, ids[0]);
        const i = await ecs.describeInstances(new Ecs.DescribeInstancesRequest({ regionId: REGION, instanceIds: JSON.stringify([ids[0]]) }));
        assert.strictEqual(i.body.instances.instance[0].eipAddress.ipAddress, eipAddress);
        await refused(vpc.releaseEipAddress(new Vpc.ReleaseEipAddressRequest({ regionId: REGION, allocationId })), 'IncorrectEipStatus');
    });
    await check('the dependencies refuse deletion: DeleteVpc with a vSwitch, DeleteVSwitch with instances', async () => {
        await refused(vpc.deleteVpc(new Vpc.DeleteVpcRequest({ regionId: REGION, vpcId })), 'DependencyViolation.VSwitch');
        await refused(vpc.deleteVSwitch(new Vpc.DeleteVSwitchRequest({ regionId: REGION, vSwitchId: vswId })), 'DependencyViolation');
    });
    await check('torn down in dependency order, nothing left', async () => {
        await vpc.unassociateEipAddress(new Vpc.UnassociateEipAddressRequest({ regionId: REGION, allocationId, instanceId: ids[0] }));
        await vpc.releaseEipAddress(new Vpc.ReleaseEipAddressRequest({ regionId: REGION, allocationId }));
        await ecs.deleteInstances(new Ecs.DeleteInstancesRequest({ regionId: REGION, instanceId: ids, force: true }));
        await until('the instances gone', async () => {
            try {
                await ecs.deleteSecurityGroup(new Ecs.DeleteSecurityGroupRequest({ regionId: REGION, securityGroupId: sgId }));
                return true;
            } catch (e) {
                if (e.code === 'DependencyViolation') return false;
                throw e;
            }
        });
        await vpc.deleteVSwitch(new Vpc.DeleteVSwitchRequest({ regionId: REGION, vSwitchId: vswId }));
        await vpc.deleteVpc(new Vpc.DeleteVpcRequest({ regionId: REGION, vpcId }));
        const d = await vpc.describeVpcs(new Vpc.DescribeVpcsRequest({ regionId: REGION }));
        assert.strictEqual(d.body.vpcs.vpc.length, 0);
        const e = await vpc.describeEipAddresses(new Vpc.DescribeEipAddressesRequest({ regionId: REGION }));
        assert.strictEqual(e.body.eipAddresses.eipAddress.length, 0);
    });
    console.log(`${passed} passed, 0 failed`);
}

main().catch((e) => {
    console.error(e && e.stack ? e.stack : e);
    process.exit(1);
});
