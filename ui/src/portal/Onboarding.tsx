import { useEffect, useRef, useState } from 'react';
import { portal } from '../api/portal';
import { atLeast, type OrgRef, type Probe } from '../api/types';
import { formatAgo } from '../format';
import { Link } from '../router';
import { CopyField, ErrorNote, Spinner, useAction, useAsync } from '../ui';

const secretKey = (org: string) => `scope-cloud.newToken.${org}`;

export function launchCommand(token: string, serviceUrl = window.location.origin): string {
  return `scope launch --service-token=${token} --service-url=${serviceUrl}`;
}

/** The one-liner that installs the probe from this service (its /install.sh) and starts it. */
export function installCommand(token: string, serviceUrl = window.location.origin): string {
  return `curl -fsSL ${serviceUrl}/install.sh | sudo sh -s -- --service-token=${token}`;
}

/**
 * A cluster's two commands: the token into a Secret (never into a manifest or a URL), then the probe's manifests
 * from this service (a DaemonSet on every node, one cluster-role Deployment, and their RBAC).
 */
export function kubernetesCommands(token: string, serviceUrl = window.location.origin): [string, string] {
  return [
    `kubectl create namespace scope-cloud && kubectl -n scope-cloud create secret generic scope-cloud-probe-token --from-literal=token=${token}`,
    `kubectl apply -f ${serviceUrl}/install/kubernetes.yaml`,
  ];
}

/** Polls the org's probes until one is connected. */
export function useProbes(org: string, everyMs = 2000): { probes: Probe[] | undefined; error?: string } {
  const [probes, setProbes] = useState<Probe[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      try {
        const p = await portal.probes(org);
        if (!live) return;
        setProbes(p);
        setError(undefined);
      } catch (e) {
        if (live) setError((e as Error).message);
      }
      if (live) timer = setTimeout(tick, everyMs);
    };
    void tick();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [org, everyMs]);
  return { probes, error };
}

export function OnboardingPage({ org }: { org: OrgRef }) {
  const admin = atLeast(org.role, 'admin');
  const [secret, setSecret] = useState<string | null>(() => sessionStorage.getItem(secretKey(org.id)));
  const [copied, setCopied] = useState(false);
  const [where, setWhere] = useState<'host' | 'kubernetes'>('host');
  const tokens = useAsync(() => (admin ? portal.tokens(org.id) : Promise.resolve([])), [org.id, admin]);
  const create = useAction();
  const created = useRef(false);
  const { probes } = useProbes(org.id);
  const connected = probes?.filter((p) => p.connected) ?? [];

  const issue = async () => {
    const t = await create.run(() => portal.createToken(org.id, 'default'));
    if (t?.token) {
      sessionStorage.setItem(secretKey(org.id), t.token);
      setSecret(t.token);
      tokens.reload();
    }
  };

  useEffect(() => {
    // A new org has no token yet: make one, so the command below is ready to copy.
    const live = tokens.data?.filter((t) => !t.revokedAt) ?? null;
    if (admin && !secret && live && live.length === 0 && !created.current) {
      created.current = true;
      void issue();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tokens.data, admin, secret]);

  const liveTokens = tokens.data?.filter((t) => !t.revokedAt) ?? [];
  return (
    <div className="page onboarding">
      <h1>Connect {org.name}</h1>
      <p className="lead">
        Run the Scope probe on every host you want to see. It reports the host's processes, containers and connections
        here, and your map fills in within seconds.
      </p>
      <ol className="steps">
        {/* Done once the person copied a command (or a probe already reports), not when the token is made. */}
        <li className={copied || connected.length > 0 ? 'done' : ''} data-testid="step-copy">
          <h2>Copy the launch command</h2>
          {!admin && (
            <p>
              Probe tokens are managed by your organisation's admins. Ask one for the command, or for the admin role.
            </p>
          )}
          {admin && secret && (
            <>
              <div role="tablist" aria-label="Where the probe runs" className="tabs">
                <button type="button" role="tab" aria-selected={where === 'host'} onClick={() => setWhere('host')}>
                  Linux host
                </button>
                <button type="button" role="tab" aria-selected={where === 'kubernetes'} onClick={() => setWhere('kubernetes')}>
                  Kubernetes
                </button>
              </div>
              {where === 'host' && (
                <div role="tabpanel" aria-label="Linux host">
                  <p>
                    Run this on each Linux host: it installs the probe from this service and starts it (Java 17 or newer;
                    add <code>--install-java</code> to install it, <code>--systemd</code> to start the probe at boot):
                  </p>
                  <CopyField value={installCommand(secret)} label="install command" testId="install-command" onCopy={() => setCopied(true)} />
                  <p>Where the scope script is already installed:</p>
                  <CopyField value={launchCommand(secret)} label="launch command" testId="launch-command" onCopy={() => setCopied(true)} />
                </div>
              )}
              {where === 'kubernetes' && (
                <div role="tabpanel" aria-label="Kubernetes">
                  <p>
                    With <code>kubectl</code> pointed at the cluster: first keep the token in a Secret, then apply the probe's
                    manifests from this service (a probe on every node, one for the cluster's objects, and the permissions
                    they need; the token is never in them):
                  </p>
                  <CopyField value={kubernetesCommands(secret)[0]} label="secret command" testId="kubernetes-secret-command" onCopy={() => setCopied(true)} />
                  <CopyField value={kubernetesCommands(secret)[1]} label="apply command" testId="kubernetes-apply-command" onCopy={() => setCopied(true)} />
                  <p className="hint">
                    The manifests use the probe image <code>localhost/scope-cloud-probe</code>: push the image built by{' '}
                    <code>infra/images/build</code> to a registry your nodes reach and set it with{' '}
                    <code>kubectl -n scope-cloud set image</code>.
                  </p>
                </div>
              )}
              <p className="hint">
                The token is only shown now. You can create more or revoke this one on the{' '}
                <Link href={`/app/${encodeURIComponent(org.id)}/tokens`}>tokens page</Link>.
              </p>
              <details>
                <summary>Just the token</summary>
                <CopyField value={secret} label="token" testId="probe-token" />
              </details>
            </>
          )}
          {admin && !secret && (tokens.loading || create.busy) && <Spinner label="Creating a probe token…" />}
          {admin && !secret && !tokens.loading && !create.busy && liveTokens.length > 0 && (
            <>
              <p>
                This organisation already has {liveTokens.length === 1 ? 'a token' : `${liveTokens.length} tokens`} (
                {liveTokens.map((t) => t.prefix + '…').join(', ')}). Tokens are shown only once, so make a new one for this
                command if you do not have it at hand.
              </p>
              <button type="button" onClick={issue}>
                Create a new token
              </button>
            </>
          )}
          <ErrorNote error={create.error ?? tokens.error} />
        </li>
        <li className={connected.length > 0 ? 'done' : ''}>
          <h2>Wait for the first probe</h2>
          {connected.length === 0 ? (
            <div className="waiting" data-testid="waiting-for-probe">
              <Spinner label="Waiting for a probe to connect…" />
              {probes && probes.length > 0 && (
                <p className="hint">
                  Heard before from {probes.map((p) => p.hostname || p.id).join(', ')}, but not in the last minute.
                </p>
              )}
            </div>
          ) : (
            <div className="connected" data-testid="probe-connected">
              <p>
                <span className="ok-dot" aria-hidden="true" />
                {connected.length === 1 ? 'A probe is' : `${connected.length} probes are`} connected:{' '}
                {connected.map((p) => `${p.hostname || p.id} (${formatAgo(p.lastSeen)})`).join(', ')}
              </p>
              <Link className="button" href={`/app/${encodeURIComponent(org.id)}/map`}>
                Open the map
              </Link>
            </div>
          )}
        </li>
      </ol>
    </div>
  );
}
