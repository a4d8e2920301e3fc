// End-to-end: the official TypeScript MCP SDK client drives a real `mledojo serve` over stdio.
// Run: MLEDOJO_SERVER=<path to mledojo> node --test tests/e2e-ts/
// The TypeScript client validates every structuredContent against the tool's outputSchema (ajv), so these
// calls also check that the server's declared schemas match what it returns.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const server = resolve(process.env.MLEDOJO_SERVER ?? join(repo, 'src/MleDojo.Server/bin/Release/net10.0/mledojo'));
const referenceSolution = readFileSync(join(repo, 'competitions/penguins/solutions/reference.py'), 'utf8');

const CONTRACT_TOOLS = [
  'cancel_run', 'end_session', 'execute_code', 'get_history', 'get_run', 'list_competitions', 'list_files',
  'read_file', 'request_info', 'reset', 'start_session', 'submit', 'validate_code', 'write_file',
];

let home;
let client;
const serverLog = [];

/** Calls a tool that must succeed; returns its structured content. */
async function ok(name, args, options = {}) {
  const result = await client.callTool({ name, arguments: args }, undefined, { timeout: 120_000, ...options });
  assert.ok(!result.isError, `${name} failed: ${textOf(result)}\nserver log:\n${serverLog.slice(-20).join('')}`);
  assert.equal(typeof result.structuredContent, 'object', `${name} returned no structuredContent`);
  return result.structuredContent;
}

/** Calls a tool that must fail with a tool error (isError: true); returns its text. */
async function toolError(name, args) {
  const result = await client.callTool({ name, arguments: args });
  assert.equal(result.isError, true, `${name} should have failed: ${JSON.stringify(result.structuredContent)}`);
  return textOf(result);
}

const textOf = (result) => (result.content ?? []).filter((c) => c.type === 'text').map((c) => c.text).join('\n');

before(async () => {
  assert.ok(existsSync(server), `no server at ${server}: build it (dotnet build MleDojo.Mcp.sln -c Release) or set MLEDOJO_SERVER`);
  home = mkdtempSync(join(tmpdir(), 'mledojo-e2e-ts-'));
  // The SDK passes only a small default environment to the child: say what the server needs.
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? home, MLEDOJO_HOME: home };
  if (process.env.DOTNET_ROOT) env.DOTNET_ROOT = process.env.DOTNET_ROOT;
  if (process.env.DOCKER_HOST) env.DOCKER_HOST = process.env.DOCKER_HOST;
  if (process.env.SLURM_CONF) env.SLURM_CONF = process.env.SLURM_CONF;
  // MLEDOJO_TEST_SANDBOX=docker (or slurm) plays the same episode on the Docker (or Slurm) backend. The Slurm shared
  // root is a sibling of the data root, never inside it: the answers must stay off it.
  const backend = process.env.MLEDOJO_TEST_SANDBOX ? ['--sandbox', process.env.MLEDOJO_TEST_SANDBOX] : [];
  if (process.env.MLEDOJO_TEST_SANDBOX === 'slurm') backend.push('--slurm-shared-root', `${home}-shared`);
  const transport = new StdioClientTransport({ command: server, args: ['serve', ...backend], env, stderr: 'pipe' });
  transport.stderr?.on('data', (chunk) => serverLog.push(chunk.toString()));
  client = new Client({ name: 'mledojo-e2e-ts', version: '1.0.0' });
  await client.connect(transport);
  // Listing the tools makes the client cache their output schemas, so every callTool below is validated.
  await client.listTools();
});

after(async () => {
  await client?.close();
  if (home) rmSync(home, { recursive: true, force: true });
  if (home) rmSync(`${home}-shared`, { recursive: true, force: true });
});

test('the server offers exactly the contract tools, each with annotations and an output schema', async () => {
  assert.equal(client.getServerVersion()?.name, 'mledojo');
  const { tools } = await client.listTools();
  assert.deepEqual(tools.map((t) => t.name).sort(), CONTRACT_TOOLS);
  for (const tool of tools) {
    assert.match(tool.name, /^[a-z]+(_[a-z]+)*$/);
    assert.equal(tool.outputSchema?.type, 'object', `${tool.name} has no object outputSchema`);
    assert.equal(typeof tool.annotations?.readOnlyHint, 'boolean', `${tool.name} has no readOnlyHint`);
  }
});

test('list_competitions includes penguins', async () => {
  const { competitions } = await ok('list_competitions', {});
  const penguins = competitions.find((c) => c.id === 'penguins');
  assert.ok(penguins, JSON.stringify(competitions));
  assert.equal(penguins.metric, 'multiclass_log_loss');
  assert.equal(penguins.higher_is_better, false);
});

test('a penguins episode: start, execute the reference solution, submit, and the episode is over', async () => {
  const started = await ok('start_session', { competition_id: 'penguins' });
  const sessionId = started.session_id;
  assert.match(sessionId, /^s-/);
  assert.equal(started.higher_is_better, false);
  const maxSteps = started.budget.max_steps;
  assert.equal(started.budget.steps_remaining, maxSteps);
  assert.ok(started.workspace.input_files.includes('train.csv'));

  const metric = await ok('request_info', { session_id: sessionId, info_type: 'metric' });
  assert.match(metric.content, /multiclass_log_loss/);

  const progress = [];
  const run = await ok('execute_code', { session_id: sessionId, code: referenceSolution }, {
    onprogress: (p) => progress.push(p),
  });
  assert.equal(run.status, 'succeeded', `${run.stderr}`);
  assert.equal(run.exit_code, 0);
  assert.equal(run.action, 'execute_code');
  assert.match(run.stdout, /CV multi-class log loss/);
  assert.equal(run.submission.valid, true, JSON.stringify(run.submission));
  assert.equal(typeof run.public_score, 'number');
  assert.ok(run.public_score > 0 && run.public_score < 0.5, `log loss ${run.public_score}`);
  assert.equal(run.best_public_score, run.public_score);
  assert.equal(typeof run.reward, 'number');
  assert.equal(run.terminated, false);
  assert.equal(run.truncated, false);
  assert.equal(run.budget.steps_used, 1);
  assert.equal(run.budget.steps_remaining, maxSteps - 1);
  for (const p of progress) assert.match(p.message ?? '', /^run-0001 running/);

  const submitted = await ok('submit', { session_id: sessionId });
  assert.equal(submitted.step, run.step);
  assert.equal(typeof submitted.private_score, 'number');
  assert.ok(submitted.private_score > 0 && submitted.private_score < 0.5, `log loss ${submitted.private_score}`);
  assert.equal(submitted.public_score, run.public_score);
  assert.equal(typeof submitted.normalized_score, 'number');
  assert.equal(submitted.terminated, true);
  assert.equal(submitted.automatic, false);
  assert.equal(submitted.budget.submissions_remaining, 0);

  const refused = await toolError('execute_code', { session_id: sessionId, code: 'print(1)' });
  assert.match(refused, /episode is terminated/);

  const history = await ok('get_history', { session_id: sessionId });
  assert.equal(history.state, 'terminated');
  assert.ok(history.steps.some((s) => s.action === 'submit' && s.private_score === submitted.private_score));

  const ended = await ok('end_session', { session_id: sessionId });
  assert.equal(ended.state, 'terminated');
  assert.equal(ended.final.private_score, submitted.private_score);
});

test('an unknown competition is a tool error listing the known ones', async () => {
  const text = await toolError('start_session', { competition_id: 'no-such' });
  assert.match(text, /Unknown competition 'no-such'/);
  assert.match(text, /penguins/);
});
