import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { it } from 'node:test';
import { openStore } from '../../src/store/open.js';
import { readJsonLines } from '../helpers/json-lines.js';
import { describeEngines, type TestEngine } from '../helpers/postgres.js';
import { createTmpDir } from '../helpers/tmp-dir.js';

const child = new URL('../helpers/scheduler-child.ts', import.meta.url).pathname;
const ttlMs = 1000;

interface Line {
  pid: number;
  at: number;
  task?: 'long' | 'release';
  phase?: 'start' | 'write' | 'fenced' | 'end' | 'run';
  holder?: string;
  token?: number;
  log?: string;
  msg?: string;
}

interface Rig {
  spawn(longTaskMs: number): ChildProcess & { writes: number };
  lines(): Promise<Line[]>;
  until(what: string, check: (lines: Line[]) => boolean, timeoutMs?: number): Promise<Line[]>;
}

/** Child processes running the real scheduler over one migrated database, killed when `t` ends. */
async function rig(engine: TestEngine, t: { after: (fn: () => Promise<void>) => void }): Promise<Rig> {
  const setup = await openStore({ url: engine.url, searchPath: engine.searchPath });
  await setup.migrate();
  await setup.close();
  const logFile = join(await createTmpDir(t), 'runs.jsonl');
  await writeFile(logFile, '');
  const children: ChildProcess[] = [];
  t.after(async () => {
    await Promise.all(
      children.map(async (c) => {
        if (c.exitCode !== null || c.signalCode !== null) return;
        const exited = new Promise((resolve) => c.once('exit', resolve));
        c.kill('SIGKILL');
        await exited;
      }),
    );
  });
  const lines = () => readJsonLines<Line>(logFile);
  return {
    spawn(longTaskMs) {
      const args = ['--import', 'tsx', child, engine.url, engine.searchPath ?? '', logFile, String(ttlMs), String(longTaskMs)];
      const process_ = Object.assign(
        spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { PATH: process.env.PATH } }),
        { writes: 0 },
      );
      process_.stdout?.on('data', (chunk: Buffer) => {
        process_.writes += chunk.toString().split('write').length - 1;
      });
      // Not the test runner's environment: with NODE_TEST_CONTEXT a child's stdout is the runner's channel.
      children.push(process_);
      return process_;
    },
    lines,
    async until(what, check, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const all = await lines();
        if (check(all)) return all;
        if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}:\n${all.map((l) => JSON.stringify(l)).join('\n')}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
  };
}

const isOver = (l: Line) => l.task === 'long' && (l.phase === 'end' || l.phase === 'fenced');

/** The long task's runs, each from its start to its end (or to `cut` when it never ended). */
function longRuns(lines: Line[], cut: number) {
  // By place in the file, not time: one run can end and the next start in the same millisecond.
  return lines
    .flatMap((line, index) => (line.task === 'long' && line.phase === 'start' ? [{ start: line, index }] : []))
    .map(({ start, index }) => {
      const end = lines.slice(index).find((l) => l.pid === start.pid && isOver(l));
      return { pid: start.pid, token: start.token ?? 0, from: start.at, to: end?.at ?? cut, isDone: end?.phase === 'end' };
    })
    .sort((a, b) => a.from - b.from);
}

describeEngines('scheduler leases across processes', (engine) => {
  it('never runs a task that outlasts its lease twice at once, runs the release on time beside it, and fails over', async (t) => {
    const processes = await rig(engine, t);
    const [a, b] = [processes.spawn(2500), processes.spawn(2500)];
    // Two runs of 2.5 s (2.5 leases each) one after the other.
    await processes.until('two finished long runs', (all) => all.filter(isOver).length >= 2);
    const leader = longRuns(await processes.lines(), Date.now()).at(-1);
    const killed = leader?.pid === a.pid ? a : b;
    const survivor = killed === a ? b : a;
    killed.kill('SIGKILL');
    const killedAt = Date.now();
    const all = await processes.until('the other process to take the long task over', (lines) =>
      lines.some((l) => l.pid === survivor.pid && l.task === 'long' && l.phase === 'start' && l.at > killedAt),
    );

    const runs = longRuns(all, killedAt);
    for (let i = 1; i < runs.length; i++) {
      const [before, after] = [runs[i - 1], runs[i]];
      assert.ok(before && after && after.from >= before.to, `runs overlap: ${JSON.stringify(runs)}`);
    }
    assert.deepEqual(
      all.filter((l) => l.phase === 'fenced' || l.log === 'warn'),
      [],
      'no healthy leader loses its lease',
    );
    const tokens = runs.map((run) => run.token);
    assert.deepEqual(
      tokens,
      [...tokens].sort((x, y) => x - y),
      'tokens only go up',
    );
    const done = runs.filter((run) => run.isDone);
    assert.ok(
      done.length >= 2 && done.every((run) => run.to - run.from > ttlMs),
      `each finished run outlasted the lease: ${JSON.stringify(runs)}`,
    );
    const takeover = runs.find((run) => run.pid === survivor.pid && run.from > killedAt);
    assert.ok(
      takeover && takeover.from - killedAt < ttlMs + 1500,
      `taken over within the lease time: ${(takeover?.from ?? 0) - killedAt} ms`,
    );

    // While the long task ran, the release task kept running every 100 ms or so, in one process at a time.
    for (const run of done) {
      const releases = all.filter((l) => l.task === 'release' && l.at >= run.from && l.at <= run.to).map((l) => l.at);
      const gaps = releases.slice(1).map((at, i) => at - (releases[i] ?? at));
      assert.ok(releases.length >= 10, `release ran ${releases.length} times during a ${run.to - run.from} ms long run`);
      assert.ok(Math.max(...gaps) < 600, `release waited ${Math.max(...gaps)} ms`);
    }
  });

  it('keeps a leader that stalled past its lease from writing when it wakes up', async (t) => {
    const processes = await rig(engine, t);
    const [a, b] = [processes.spawn(30_000), processes.spawn(30_000)];
    const first = await processes.until('a leader writing', (all) => all.filter((l) => l.phase === 'write').length >= 2);
    const leaderPid = first.find((l) => l.phase === 'write')?.pid;
    const [stalled, other] = leaderPid === a.pid ? [a, b] : [b, a];
    // Stop it between two writes (just after one), as a long GC pause or a frozen VM would.
    const writes = stalled.writes;
    await new Promise<void>((resolve) => {
      const check = () => (stalled.writes > writes ? resolve() : setTimeout(check, 1));
      check();
    });
    stalled.kill('SIGSTOP');
    const stoppedAt = Date.now();
    await processes.until('the other process to take over and write', (all) =>
      all.some((l) => l.pid === other.pid && l.phase === 'write' && l.at > stoppedAt),
    );
    stalled.kill('SIGCONT');
    // Its renewal timer notices the loss; its task, which writes every 100 ms, sees it at its next check.
    await processes.until('the woken leader to log the lost lease', (lines) =>
      lines.some((l) => l.pid === stalled.pid && l.log === 'warn' && /lease lost/.test(l.msg ?? '')),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    const all = await processes.lines();
    const after = all.filter((l) => l.pid === stalled.pid && l.at > stoppedAt);

    assert.deepEqual(
      after.filter((l) => l.phase === 'write'),
      [],
      'no write from the stalled leader after it woke',
    );
    assert.ok(
      after.some((l) => l.phase === 'fenced'),
      'its task saw the lost lease at its next check and stopped',
    );
    const oldToken = all.find((l) => l.pid === stalled.pid && l.phase === 'write')?.token ?? 0;
    const newToken = all.find((l) => l.pid === other.pid && l.phase === 'write')?.token ?? 0;
    assert.ok(newToken > oldToken, `the new leader writes with a newer token (${newToken} > ${oldToken})`);
  });
});
