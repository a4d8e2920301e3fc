// End-to-end over Streamable HTTP: a real `mledojo serve --http` with API keys, driven by the official TypeScript
// SDK's StreamableHTTPClientTransport and by the MCP Inspector's CLI, each playing a whole episode.
// Run: MLEDOJO_SERVER=<path to mledojo> node --test tests/e2e-ts/
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const server = resolve(process.env.MLEDOJO_SERVER ?? join(repo, 'src/MleDojo.Server/bin/Release/net10.0/mledojo'));
const inspector = join(here, 'node_modules', '.bin', 'mcp-inspector');
const referenceSolution = readFileSync(join(repo, 'competitions/penguins/solutions/reference.py'), 'utf8');
const backend = process.env.MLEDOJO_TEST_SANDBOX ? ['--sandbox', process.env.MLEDOJO_TEST_SANDBOX] : [];

let home;
let child;
let endpoint;
let key;
const serverLog = [];

before(async () => {
  assert.ok(existsSync(server), `no server at ${server}: build it (dotnet build MleDojo.Mcp.sln -c Release) or set MLEDOJO_SERVER`);
  home = mkdtempSync(join(tmpdir(), 'mledojo-e2e-http-'));
  const env = { ...process.env, MLEDOJO_HOME: home, MleDojo__Sessions__ProgressIntervalSeconds: '1' };
  key = JSON.parse((await run(server, ['keys', 'create', '--name', 'ts-agent', '--json'], { env })).stdout).key;
  // The Slurm backend (MLEDOJO_TEST_SANDBOX=slurm) needs a shared root for the workspaces, outside the data root.
  const shared = process.env.MLEDOJO_TEST_SANDBOX === 'slurm' ? ['--slurm-shared-root', `${home}-shared`] : [];
  child = spawn(server, ['serve', '--http', '--urls', 'http://127.0.0.1:0', ...backend, ...shared], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  endpoint = await new Promise((resolveEndpoint, reject) => {
    child.stderr.on('data', (chunk) => {
      serverLog.push(chunk.toString());
      const match = /MCP over Streamable HTTP at (http:\/\/\S+\/mcp)/.exec(serverLog.join(''));
      if (match) resolveEndpoint(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`the server exited (${code}) before listening:\n${serverLog.join('')}`)));
  });
});

after(async () => {
  child?.kill('SIGTERM');
  await new Promise((done) => (child && child.exitCode === null ? child.on('exit', done) : done()));
  if (home) {
    rmSync(home, { recursive: true, force: true });
    rmSync(`${home}-shared`, { recursive: true, force: true });
  }
});

const textOf = (result) => (result.content ?? []).filter((c) => c.type === 'text').map((c) => c.text).join('\n');

test('the TypeScript SDK plays a penguins episode over Streamable HTTP, with progress notifications', async () => {
  const transport = new StreamableHTTPClientTransport(new URL(endpoint), { requestInit: { headers: { Authorization: `Bearer ${key}` } } });
  const client = new Client({ name: 'mledojo-e2e-ts-http', version: '1.0.0' });
  await client.connect(transport);
  try {
    // Listing the tools caches their output schemas: every result below is validated against them.
    const { tools } = await client.listTools();
    assert.ok(tools.some((t) => t.name === 'execute_code'));
    const ok = async (name, args, options = {}) => {
      const result = await client.callTool({ name, arguments: args }, undefined, { timeout: 120_000, ...options });
      assert.ok(!result.isError, `${name} failed: ${textOf(result)}\nserver log:\n${serverLog.slice(-20).join('')}`);
      return result.structuredContent;
    };

    const started = await ok('start_session', { competition_id: 'penguins', agent: 'ts-sdk' });
    const progress = [];
    const ticking = await ok('execute_code', {
      session_id: started.session_id,
      code: 'import time\nfor i in range(4):\n    print(f"tick {i}", flush=True)\n    time.sleep(1)\n',
    }, { onprogress: (p) => progress.push(p) });
    assert.equal(ticking.status, 'succeeded');
    assert.ok(progress.some((p) => /tick/.test(p.message ?? '')), JSON.stringify(progress));

    const scored = await ok('execute_code', { session_id: started.session_id, code: referenceSolution });
    assert.equal(scored.submission.valid, true, JSON.stringify(scored.submission));
    assert.ok(scored.public_score > 0 && scored.public_score < 0.5, `log loss ${scored.public_score}`);
    const submitted = await ok('submit', { session_id: started.session_id });
    assert.ok(submitted.private_score > 0 && submitted.private_score < 0.5, `log loss ${submitted.private_score}`);
    assert.equal(submitted.terminated, true);
    const history = await ok('get_history', { session_id: started.session_id });
    assert.equal(history.labels.owner, 'ts-agent');
  } finally {
    await client.close();
  }
});

/** One Inspector CLI call against the server; returns its parsed JSON output (and what it said on stderr). */
async function inspect(...args) {
  const { stdout, stderr } = await run(inspector, ['--cli', endpoint, '--transport', 'http', '--header', `Authorization: Bearer ${key}`, ...args], {
    timeout: 180_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  return Object.assign(JSON.parse(stdout), { stderr });
}

test('the MCP Inspector CLI lists the tools strictly over HTTP and plays an episode', { skip: !existsSync(inspector) && 'npm ci in tests/e2e-ts installs the Inspector' }, async () => {
  // --strict: every tool schema must be portable across clients; exit code 6 (a thrown error here) if one is not.
  const listed = await inspect('--method', 'tools/list', '--strict');
  assert.ok(listed.tools.some((t) => t.name === 'start_session'), JSON.stringify(listed));
  assert.match(listed.stderr, /\b0 errors\b/);

  const call = async (name, args) => {
    const result = await inspect('--method', 'tools/call', '--tool-name', name, ...Object.entries(args).flatMap(([k, v]) => ['--tool-arg', `${k}=${v}`]));
    assert.ok(!result.isError, `${name} failed: ${textOf(result)}`);
    return result.structuredContent;
  };
  const started = await call('start_session', { competition_id: 'penguins', agent: 'inspector' });
  const scored = await call('execute_code', { session_id: started.session_id, code: referenceSolution });
  assert.equal(scored.submission.valid, true, JSON.stringify(scored.submission));
  const submitted = await call('submit', { session_id: started.session_id });
  assert.equal(typeof submitted.private_score, 'number');
  assert.equal(submitted.terminated, true);
});
