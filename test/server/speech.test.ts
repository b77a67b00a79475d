// Read-aloud through espeak-ng (GET /api/speech), for TVs without a Chinese speechSynthesis voice.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SpeechSynthesizer, SpeechUnavailableError } from '../../src/server/speech/speech.js';
import { ApiSession, pairDevice, signIn, startStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
let tv: ApiSession;

before(async () => {
  stack = await startStack();
  tv = await pairDevice(stack, await signIn(stack, 'zhangwei'), {
    kind: 'tv',
    residentId: 'res-wang-xiuying',
  });
});

after(() => stack?.stop());

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
});
