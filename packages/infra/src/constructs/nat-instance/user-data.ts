import { readFileSync } from 'node:fs';
import * as ec2 from 'aws-cdk-lib/aws-ec2';

const read = (file: string) => readFileSync(new URL(file, import.meta.url), 'utf8');

/** Where the user data installs the boot script and its unit (under `$NAT_ROOT`, empty on the instance). */
export const NAT_SCRIPT_PATH = '/usr/local/sbin/shoestring-nat';
export const NAT_UNIT_PATH = '/etc/systemd/system/shoestring-nat.service';

/**
 * The NAT instance's user data, instead of CDK's default (one `yum install iptables-services` with no retry,
 * aws-cdk#36717): installs `shoestring-nat.sh` and a systemd unit that runs it at every boot, then runs it once.
 * The script retries the package install with backoff and re-applies forwarding and masquerading at each start.
 */
export function natUserData(): ec2.UserData {
  const userData = ec2.UserData.forLinux();
  userData.addCommands(
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell expansion, not a template
    'ROOT="${NAT_ROOT:-}"',
    `install -d "$ROOT${dirname(NAT_SCRIPT_PATH)}" "$ROOT${dirname(NAT_UNIT_PATH)}"`,
    heredoc(`"$ROOT${NAT_SCRIPT_PATH}"`, read('./shoestring-nat.sh')),
    `chmod 755 "$ROOT${NAT_SCRIPT_PATH}"`,
    heredoc(`"$ROOT${NAT_UNIT_PATH}"`, read('./shoestring-nat.service')),
    'systemctl daemon-reload',
    'systemctl enable shoestring-nat.service',
    `"$ROOT${NAT_SCRIPT_PATH}"`,
  );
  return userData;
}

function dirname(path: string): string {
  return path.slice(0, path.lastIndexOf('/'));
}

/** `cat > target` of a file's text, quoted so the shell expands nothing in it. */
function heredoc(target: string, text: string): string {
  const marker = 'SHOESTRING_EOF';
  if (text.includes(marker)) throw new Error(`natUserData: the file may not contain ${marker}`);
  return `cat > ${target} <<'${marker}'\n${text.endsWith('\n') ? text : `${text}\n`}${marker}`;
}
