import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { NAT_SCRIPT_PATH, NAT_UNIT_PATH } from '../../src/constructs/nat-instance/user-data.ts';
import { NAT_IMAGE_LOOKUP_CONTEXT } from '../../src/constructs/network.ts';
import { synthNetwork } from '../helpers/network.ts';
import { resourcesOf } from '../helpers/synth.ts';

const SCRIPT = readFileSync(
  new URL('../../src/constructs/nat-instance/shoestring-nat.sh', import.meta.url),
  'utf8',
);

/** The NAT instance's user data, decoded from the template (a plain string: it holds no token). */
function userDataOf(template: Template): string {
  const [instance] = Object.values(resourcesOf(template, 'AWS::EC2::Instance'));
  const userData = instance?.Properties.UserData as { 'Fn::Base64': unknown };
  expect(typeof userData['Fn::Base64']).toBe('string');
  return userData['Fn::Base64'] as string;
}

/** The instance's ImageId as the template has it. */
function imageIdOf(template: Template): unknown {
  const [instance] = Object.values(resourcesOf(template, 'AWS::EC2::Instance'));
  return instance?.Properties.ImageId;
}

/**
 * A sandbox for the user data: `root` stands for `/` (NAT_ROOT), and PATH holds only stubs that log their
 * arguments plus the few real tools the script needs. `dnf` fails `dnfFailures` times, then "installs" iptables.
 */
function sandbox(dnfFailures: number) {
  const dir = mkdtempSync(path.join(tmpdir(), 'shoestring-nat-'));
  const root = path.join(dir, 'root');
  const bin = path.join(dir, 'bin');
  const log = path.join(dir, 'calls.log');
  spawnSync('mkdir', ['-p', root, bin]);
  for (const tool of ['bash', 'awk', 'install', 'chmod', 'cat', 'grep', 'mkdir']) {
    const real = spawnSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
    symlinkSync(real, path.join(bin, tool));
  }
  const stub = (name: string, body: string) => {
    writeFileSync(
      path.join(bin, name),
      `#!${path.join(bin, 'bash')}\necho "${name} $*" >> "${log}"\n${body}\n`,
    );
    chmodSync(path.join(bin, name), 0o755);
  };
  const iptables = `rules="${dir}/rules"; touch "$rules"
if [ "$3" = "-C" ]; then grep -qxF -- "\${*:4}" "$rules"; exit; fi
if [ "$3" = "-A" ]; then echo "\${*:4}" >> "$rules"; fi`;
  writeFileSync(path.join(dir, 'iptables.body'), iptables);
  stub(
    'dnf',
    `n=$(cat "${dir}/dnf.count" 2>/dev/null || echo 0); echo $((n + 1)) > "${dir}/dnf.count"
[ "$n" -lt ${dnfFailures} ] && { echo "Error: Failed to download metadata" >&2; exit 1; }
{ echo '#!${path.join(bin, 'bash')}'; echo 'echo "iptables $*" >> "${log}"'; cat "${dir}/iptables.body"; } > "${bin}/iptables"
chmod 755 "${bin}/iptables"`,
  );
  stub('sleep', '');
  stub('sysctl', '');
  stub('systemctl', '');
  stub('ip', 'echo "default via 10.0.0.1 dev ens5 proto dhcp src 10.0.0.12 metric 512"');
  const run = (file: string) =>
    spawnSync(path.join(bin, 'bash'), [file], {
      encoding: 'utf8',
      env: { PATH: bin, NAT_ROOT: root },
    });
  const calls = () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []);
  return { dir, root, run, calls };
}

describe('NAT instance', () => {
  let template: Template;
  let userData: string;
  beforeAll(() => {
    ({ template } = synthNetwork('nat-instance'));
    userData = userDataOf(template);
  });

  it("THEN its user data is ours, not CDK's single `yum install iptables-services`", () => {
    expect(userData.startsWith('#!/bin/bash\n')).toBe(true);
    expect(userData).not.toContain('iptables-services -y');
    expect(userData).toContain(SCRIPT);
    expect(userData).toContain('systemctl enable shoestring-nat.service');
  });

  it('THEN the user data and the boot script are valid bash', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'shoestring-nat-syntax-'));
    writeFileSync(path.join(dir, 'user-data.sh'), userData);
    for (const file of [path.join(dir, 'user-data.sh'), fileURLPath('shoestring-nat.sh')]) {
      const result = spawnSync('bash', ['-n', file], { encoding: 'utf8' });
      expect(result.stderr, file).toBe('');
      expect(result.status, file).toBe(0);
    }
  });

  it('GIVEN dnf fails twice at first boot WHEN the user data runs THEN it retries with backoff and sets up NAT', () => {
    const box = sandbox(2);
    writeFileSync(path.join(box.dir, 'user-data.sh'), userData);

    const result = box.run(path.join(box.dir, 'user-data.sh'));

    expect(result.stderr.match(/Failed to download metadata/g)).toHaveLength(2);
    expect(result.status, result.stdout + result.stderr).toBe(0);
    const calls = box.calls();
    expect(calls.filter((c) => c.startsWith('dnf '))).toEqual(
      Array(3).fill('dnf install --assumeyes iptables-nft'),
    );
    expect(calls.filter((c) => c.startsWith('sleep '))).toEqual(['sleep 5', 'sleep 10']);
    expect(calls).toContain('sysctl -w net.ipv4.ip_forward=1');
    expect(calls).toContain('iptables -t nat -A POSTROUTING -o ens5 -j MASQUERADE');
    expect(calls).toContain('iptables -P FORWARD ACCEPT');
    expect(calls).toEqual(
      expect.arrayContaining(['systemctl daemon-reload', 'systemctl enable shoestring-nat.service']),
    );
    // Persisted for every boot: forwarding, the script and the unit that runs it.
    expect(readFileSync(path.join(box.root, 'etc/sysctl.d/90-shoestring-nat.conf'), 'utf8')).toBe(
      'net.ipv4.ip_forward=1\n',
    );
    expect(readFileSync(path.join(box.root, NAT_SCRIPT_PATH), 'utf8')).toBe(SCRIPT);
    expect(statSync(path.join(box.root, NAT_SCRIPT_PATH)).mode & 0o111).toBe(0o111);
    const unit = readFileSync(path.join(box.root, NAT_UNIT_PATH), 'utf8');
    expect(unit).toContain(`ExecStart=${NAT_SCRIPT_PATH}`);
    expect(unit).toContain('WantedBy=multi-user.target');
  });

  it('GIVEN a stop and start WHEN the boot unit runs the script again THEN the rule is back once, no reinstall', () => {
    const box = sandbox(0);
    writeFileSync(path.join(box.dir, 'user-data.sh'), userData);
    expect(box.run(path.join(box.dir, 'user-data.sh')).status).toBe(0);

    const reboot = box.run(path.join(box.root, NAT_SCRIPT_PATH));

    expect(reboot.status, reboot.stderr).toBe(0);
    const calls = box.calls();
    expect(calls.filter((c) => c.startsWith('dnf '))).toHaveLength(1);
    expect(calls.filter((c) => c === 'iptables -t nat -A POSTROUTING -o ens5 -j MASQUERADE')).toHaveLength(1);
    expect(calls.filter((c) => c === 'iptables -t nat -C POSTROUTING -o ens5 -j MASQUERADE')).toHaveLength(2);
    expect(calls.filter((c) => c === 'sysctl -w net.ipv4.ip_forward=1')).toHaveLength(2);
  });

  it('GIVEN dnf never succeeds WHEN the user data runs THEN it gives up after 8 tries, says why and fails', () => {
    const box = sandbox(99);
    const result = box.run(fileURLPath('shoestring-nat.sh'));

    expect(result.status).not.toBe(0);
    expect(result.stdout).toContain('could not install iptables-nft; no egress');
    expect(box.calls().filter((c) => c.startsWith('dnf '))).toHaveLength(8);
    // Backoff doubles and stays at most a minute.
    expect(box.calls().filter((c) => c.startsWith('sleep '))).toEqual(
      ['5', '10', '20', '40', '60', '60', '60'].map((s) => `sleep ${s}`),
    );
    expect(box.calls().some((c) => c.startsWith('iptables '))).toBe(false);
  });
});

describe('NAT instance image', () => {
  it('GIVEN natImage pinned under `npm run deploy` THEN the AMI is the one cached in cdk.context.json', () => {
    // What the CDK CLI writes to cdk.context.json after its lookup at the first deploy.
    const cached = {
      'ssm:account=123456789012:parameterName=/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-arm64:region=us-east-1':
        'ami-0aaaabbbbccccdddd',
    };
    const { template } = synthNetwork(
      'nat-instance',
      { natImage: 'pinned' },
      { [NAT_IMAGE_LOOKUP_CONTEXT]: 'true', ...cached },
    );
    expect(imageIdOf(template)).toBe('ami-0aaaabbbbccccdddd');
    expect(
      Object.keys(template.toJSON().Parameters ?? {}).some((p) => p.includes('amiamazonlinuxlatest')),
    ).toBe(false);
  });

  it('GIVEN natImage latest (or a synth outside deploy) THEN the AMI is the SSM parameter, resolved at each deploy', () => {
    for (const natImage of ['latest', 'pinned']) {
      const { template } = synthNetwork('nat-instance', { natImage });
      expect(imageIdOf(template), natImage).toEqual({ Ref: expect.stringContaining('amiamazonlinuxlatest') });
    }
  });

  it('GIVEN an AMI id THEN the instance runs exactly that image', () => {
    const { template } = synthNetwork('nat-instance', { natImage: 'ami-0123456789abcdef0' });
    expect(imageIdOf(template)).toBe('ami-0123456789abcdef0');
  });
});

function fileURLPath(file: string): string {
  return new URL(`../../src/constructs/nat-instance/${file}`, import.meta.url).pathname;
}
