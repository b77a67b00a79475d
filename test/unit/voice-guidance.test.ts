import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { loadSettings } from '../../src/app/state/settings.js';
import { VoiceGuide } from '../../src/app/voice/voice-guide.js';
import { silentWav } from './support/msw.js';
import { openApp, tvApi } from './support/app.js';

/** The API's read-aloud, recording what it was asked to say. */
function recordSpeech(spoken: string[]) {
  return http.get('/api/speech', ({ request }) => {
    const url = new URL(request.url);
    spoken.push(`${url.searchParams.get('lang')}: ${url.searchParams.get('text')}`);
    return HttpResponse.arrayBuffer(silentWav(), { headers: { 'content-type': 'audio/wav' } });
  });
}

describe('voice guidance (语音朗读)', () => {
  afterEach(() => window.localStorage.removeItem('dah.settings'));

  it('on a TV without a Chinese voice, the API reads the screen title and the focused item, then each move', async () => {
    const spoken: string[] = [];
    await tvApi(recordSpeech(spoken));
    await openApp('/tv');
    await waitUntil(() => spoken.length > 0, 'something read aloud');
    expect(spoken[0]).to.equal('zh-CN: 您好，王秀英。视频问诊。');
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(
      () => spoken.length > 1,
      `the next item read aloud: ${JSON.stringify(spoken)} ${document.activeElement?.localName}`,
    );
    expect(spoken[1]).to.equal('zh-CN: 我的药。');
  });

  it('a dialog is read in full: its question, then the focused answer', async () => {
    const spoken: string[] = [];
    await tvApi(recordSpeech(spoken));
    await openApp('/tv');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => spoken.some((text) => text.includes('要退出临医在家吗')), 'the exit question read');
    expect(spoken[spoken.length - 1]).to.equal(
      'zh-CN: 要退出临医在家吗？退出以后，医生打来的视频电话就接不到了。不退出。',
    );
  });

  it('switched off in the settings, nothing is read', async () => {
    window.localStorage.setItem('dah.settings', JSON.stringify({ voiceGuidance: false }));
    const spoken: string[] = [];
    await tvApi(recordSpeech(spoken));
    await openApp('/tv');
    await sendKeys({ press: 'ArrowRight' });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(spoken).to.deep.equal([]);
  });

  it('is on by default on a TV and off on a shared kiosk', () => {
    const empty = { getItem: () => null } as unknown as Storage;
    expect(loadSettings('tv', empty).voiceGuidance).to.equal(true);
    expect(loadSettings('kiosk', empty).voiceGuidance).to.equal(false);
  });

  it('uses speechSynthesis when the engine has a Mandarin voice, and never a Cantonese one', () => {
    const utterances: SpeechSynthesisUtterance[] = [];
    let voices = [{ lang: 'zh-HK' }, { lang: 'en-US' }];
    const synthesis = {
      getVoices: () => voices,
      speak: (utterance: SpeechSynthesisUtterance) => utterances.push(utterance),
      cancel: () => undefined,
    } as unknown as SpeechSynthesis;
    const guide = new VoiceGuide('/api/speech', synthesis);
    guide.speak('英文', 'en');
    expect(utterances.map((u) => [u.lang, u.text])).to.deep.equal([['en-US', '英文']]);
    // Only Cantonese for Chinese: the API is asked instead (an <audio> element, not speechSynthesis).
    guide.speak('您好', 'zh-CN');
    expect(utterances.length).to.equal(1);
    voices = [{ lang: 'zh_CN' }];
    guide.speak('您好', 'zh-CN');
    expect(utterances.map((u) => [u.lang, u.text])[1]).to.deep.equal(['zh_CN', '您好']);
    guide.stop();
  });
});
