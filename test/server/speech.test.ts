// Read-aloud through espeak-ng (GET /api/speech), for TVs without a Chinese speechSynthesis voice.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { LIMITS } from '../../src/server/identity/limits.js';
import {
  SPEECH_LIMITS,
  SpeechBusyError,
  SpeechSynthesizer,
  SpeechUnavailableError,
} from '../../src/server/speech/speech.js';
import { ApiSession, pairDevice, signIn, startStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
let tv: ApiSession;
let tmp: string;

before(async () => {
  stack = await startStack();
  tv = await pairDevice(stack, await signIn(stack, 'zhangwei'), {
    kind: 'tv',
    residentId: 'res-wang-xiuying',
  });
  tmp = mkdtempSync(join(tmpdir(), 'dah-speech-'));
});

after(async () => {
  await stack?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

/**
 * A stand-in for espeak-ng that takes a while and logs each start, to count processes from the
 * outside: it answers a WAV header and `bytes` bytes of silence.
 */
function slowEngine(name: string, seconds: number, bytes = 1000): { command: string; starts: () => number } {
  const log = join(tmp, `${name}.log`);
  const command = join(tmp, `${name}.sh`);
  writeFileSync(log, '');
  writeFileSync(
    command,
    `#!/bin/sh\ncat >/dev/null\necho start >> '${log}'\nsleep ${seconds}\nprintf 'RIFF0000WAVE'\nhead -c ${bytes} /dev/zero\n`,
  );
  chmodSync(command, 0o755);
  return { command, starts: () => readFileSync(log, 'utf8').split('\n').filter(Boolean).length };
}

const speech = (query: Record<string, string>) => tv.fetch(`/api/speech?${new URLSearchParams(query)}`);

/** The samples of a WAV file, past its header, and how many of them are not silence. */
function audible(wav: Buffer): number {
  assert.equal(wav.subarray(0, 4).toString('latin1'), 'RIFF');
  assert.equal(wav.subarray(8, 12).toString('latin1'), 'WAVE');
  let loud = 0;
  for (let offset = 44; offset + 1 < wav.length; offset += 2)
    if (Math.abs(wav.readInt16LE(offset)) > 500) loud++;
  return loud;
}

describe('GET /api/speech', () => {
  test('Chinese text comes back as audible Mandarin speech, cacheable by the TV', async () => {
    const response = await speech({ text: '您好，王秀英。视频问诊。' });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'audio/wav');
    assert.match(response.headers.get('cache-control') ?? '', /private, max-age=\d+/);
    const wav = Buffer.from(await response.arrayBuffer());
    // 22 kHz for about a second and a half of speech: well over 10,000 audible samples.
    assert.ok(audible(wav) > 10_000, `audible samples: ${audible(wav)}`);
  });

  test('longer text makes longer speech; English has its own voice', async () => {
    const short = Buffer.from(await (await speech({ text: '药' })).arrayBuffer());
    const long = Buffer.from(await (await speech({ text: '我的药，健康测量，预约与巡诊' })).arrayBuffer());
    assert.ok(long.length > short.length * 2, `${long.length} vs ${short.length}`);
    const english = await speech({ text: 'My medicines', lang: 'en' });
    assert.equal(english.status, 200);
    assert.ok(audible(Buffer.from(await english.arrayBuffer())) > 1000);
  });

  test('text that looks like an option is read, not obeyed', async () => {
    const response = await speech({ text: '--version -w /tmp/x.wav' });
    assert.equal(response.status, 200);
    assert.ok(audible(Buffer.from(await response.arrayBuffer())) > 1000);
  });

  for (const [name, query] of [
    ['no text', {}],
    ['blank text', { text: '   ' }],
    ['text over 300 characters', { text: '药'.repeat(301) }],
    ['an unknown language', { text: '您好', lang: 'fr' }],
    ['an unknown parameter', { text: '您好', voice: 'x' }],
  ] as const) {
    test(`${name}: 400 validation_failed`, async () => {
      const response = await speech(query);
      assert.equal(response.status, 400);
      assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'validation_failed');
    });
  }

  test('a machine without espeak-ng says so: speech_unavailable, not a crash', async () => {
    const synthesizer = new SpeechSynthesizer('/nonexistent/espeak-ng');
    await assert.rejects(synthesizer.synthesize('您好', 'zh-CN'), SpeechUnavailableError);
    // A failure is not cached: the next try runs again.
    await assert.rejects(synthesizer.synthesize('您好', 'zh-CN'), /not installed/);
  });

  test('a TV asking for 300 new phrases at once: at most 60 are made, two at a time, the rest 429', async () => {
    const limited = await pairDevice(stack, await signIn(stack, 'zhangwei'), {
      kind: 'tv',
      residentId: 'res-liu-changshan',
    });
    const runsBefore = stack.api.speech.stats.runs;
    const responses = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        limited.fetch(`/api/speech?${new URLSearchParams({ text: `第${i}项` })}`),
      ),
    );
    const ok = responses.filter((r) => r.status === 200).length;
    const refused = responses.filter((r) => r.status === 429);
    assert.equal(ok + refused.length, 300);
    // Never more processes than the session's limit, never more than two at once; how many of
    // those the queue held depends on how fast espeak-ng drained it.
    assert.ok(ok >= SPEECH_LIMITS.workers && ok <= LIMITS.speechPerSession.maxFailures, `${ok} made`);
    assert.ok(stack.api.speech.stats.runs - runsBefore <= LIMITS.speechPerSession.maxFailures);
    assert.ok(stack.api.speech.stats.peakRunning <= SPEECH_LIMITS.workers);
    assert.ok(refused.every((r) => Number(r.headers.get('retry-after')) >= 1));
    // Cached phrases still answer for this TV; another TV is not held back by its limit.
    const made = responses.findIndex((r) => r.status === 200);
    assert.equal(
      (await limited.fetch(`/api/speech?${new URLSearchParams({ text: `第${made}项` })}`)).status,
      200,
    );
    assert.equal((await speech({ text: '另一台电视' })).status, 200);
  });

  test('new phrases are limited per session; cached ones are not', async () => {
    const another = await pairDevice(stack, await signIn(stack, 'zhangwei'), {
      kind: 'tv',
      residentId: 'res-wang-xiuying',
    });
    const ask = (text: string) => another.fetch(`/api/speech?${new URLSearchParams({ text })}`);
    const limit = LIMITS.speechPerSession.maxFailures;
    for (let i = 0; i < limit; i += 1) assert.equal((await ask(`句子${i}`)).status, 200, `phrase ${i}`);
    const over = await ask('再多一句');
    assert.equal(over.status, 429);
    assert.equal(((await over.json()) as { error: { code: string } }).error.code, 'too_many_attempts');
    assert.equal((await ask('句子0')).status, 200, 'a cached phrase costs nothing');
  });

  test('the worker pool: 300 different phrases at once run two at a time, eight wait, the rest are refused', async () => {
    const engine = slowEngine('pool', 0.3);
    const synthesizer = new SpeechSynthesizer(engine.command, { workers: 2, queue: 8, cacheBytes: 1 << 20 });
    const results = await Promise.allSettled(
      Array.from({ length: 300 }, (_, i) => synthesizer.synthesize(`phrase ${i}`, 'zh-CN')),
    );
    const made = results.filter((r) => r.status === 'fulfilled').length;
    const busy = results.filter((r) => r.status === 'rejected' && r.reason instanceof SpeechBusyError).length;
    assert.deepEqual({ made, busy }, { made: 10, busy: 290 });
    assert.equal(engine.starts(), 10, 'processes started');
    assert.equal(synthesizer.stats.peakRunning, 2);
  });

  test('the cache: one process per phrase and voice, however many ask at once; bounded in bytes, least recently used out', async () => {
    const engine = slowEngine('cache', 0.1, 1000);
    const entry = 1012; // 12 header bytes + 1000
    const synthesizer = new SpeechSynthesizer(engine.command, {
      workers: 2,
      queue: 8,
      cacheBytes: 3 * entry,
    });
    const same = await Promise.all(
      Array.from({ length: 300 }, () => synthesizer.synthesize('您好', 'zh-CN')),
    );
    assert.equal(engine.starts(), 1);
    assert.ok(same.every((wav) => wav.length === entry));
    // Another voice is another entry.
    await synthesizer.synthesize('您好', 'en');
    assert.equal(engine.starts(), 2);
    await synthesizer.synthesize('一', 'zh-CN');
    assert.equal(synthesizer.cachedBytes, 3 * entry);
    await synthesizer.synthesize('您好', 'zh-CN'); // used again: now the most recent
    await synthesizer.synthesize('二', 'zh-CN'); // over the bound: the least recently used goes
    assert.equal(synthesizer.cachedBytes, 3 * entry);
    assert.ok(synthesizer.has('您好', 'zh-CN'));
    assert.ok(!synthesizer.has('您好', 'en'), 'the least recently used was evicted');
    assert.equal(engine.starts(), 4);
    await synthesizer.synthesize('您好', 'zh-CN');
    assert.equal(engine.starts(), 4, 'a cached phrase starts no process');
  });
});
