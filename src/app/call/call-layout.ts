import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import type { Surface } from '../state/session.js';
import {
  phaseWords,
  qualityWords,
  roleWords,
  type CallState,
  type Layout,
  type Party,
  type Tile,
} from './call-model.js';
import type { CallController } from './call-controller.js';

// The call's layout: tiles, covers and the self-view. The words come from call-model.ts.

function byIdentity(state: CallState): Map<string, Party> {
  return new Map(state.parties.map((p) => [p.identity, p]));
}

function coverText(party: Party): string | null {
  if (party.fallback) return msg('网络较慢，已切换为只听声音');
  if (party.camera === 'muted') return msg('对方关闭了摄像头，仍然可以听到声音');
  if (party.camera === 'none') return msg('没有画面，可以听到声音');
  return null;
}

function renderTile(call: CallController, party: Party, tile: Tile, size: 'main' | 'small') {
  const screen = tile.source === 'screen';
  const element = call.media(party.identity, screen ? 'screen' : 'camera');
  const cover = screen ? null : coverText(party);
  // Small tiles have room for the role but not the organisation.
  const role = roleWords(size === 'small' ? { role: party.role, detail: '' } : party);
  const quality = qualityWords(party.quality);
  return html`<figure
    class="tile ${size}"
    data-identity=${party.identity}
    data-source=${tile.source}
    data-fallback=${party.fallback ?? ''}
  >
    ${element ?? nothing}
    ${
      cover
        ? html`<div class="cover">
            <span class="initial" aria-hidden="true">${party.name.slice(0, 1)}</span>
            <p>${cover}</p>
          </div>`
        : nothing
    }
    <figcaption>
      <span class="name">${screen ? msg(str`${party.name}共享的屏幕`) : party.name}</span>
      ${role && !screen ? html`<span class="role">${role}</span>` : nothing}
      ${quality && !screen ? html`<span class="quality" data-quality=${party.quality}>${quality}</span>` : nothing}
    </figcaption>
  </figure>`;
}

/** Notes about our own devices, shown on the self-view. */
function selfNotes(surface: Surface, state: CallState): string[] {
  const tv = surface !== 'console';
  const notes: string[] = [];
  if (state.local.camera === 'none')
    notes.push(
      surface === 'tv'
        ? msg('这台电视没有摄像头，医生能听到您，看不到您')
        : tv
          ? msg('这台设备没有摄像头，医生能听到您，看不到您')
          : msg('没有找到摄像头，对方能听到您，看不到您'),
    );
  else if (state.local.camera === 'off')
    notes.push(tv ? msg('摄像头已关闭，医生看不到您') : msg('摄像头已关闭，对方看不到您'));
  if (state.local.mic === 'none')
    notes.push(tv ? msg('没有找到麦克风，医生听不到您') : msg('没有找到麦克风，对方听不到您'));
  else if (state.local.mic === 'off')
    notes.push(tv ? msg('麦克风已关闭，医生听不到您') : msg('麦克风已关闭，对方听不到您'));
  if (state.local.sharing) notes.push(msg('您正在共享屏幕'));
  return notes;
}

function renderSelf(call: CallController, surface: Surface, state: CallState, placement: 'corner' | 'tile') {
  const video = state.local.camera === 'on' ? call.selfView() : null;
  const notes = selfNotes(surface, state);
  const quality = qualityWords(state.local.quality);
  return html`<figure class="tile self small ${placement}" data-self>
    ${video ?? nothing}
    ${
      video
        ? notes.length
          ? html`<p class="notes">${notes.join('；')}</p>`
          : nothing
        : html`<div class="cover"><p>${notes.join('；') || msg('正在打开摄像头…')}</p></div>`
    }
    <figcaption>
      <span class="name">${msg('我')}</span>
      ${quality ? html`<span class="quality" data-quality=${state.local.quality}>${quality}</span>` : nothing}
    </figcaption>
  </figure>`;
}

/** The parties' pictures as the layout (call-model.ts chooseLayout) places them, and the self-view. */
export function renderStage(call: CallController, surface: Surface, state: CallState, layout: Layout) {
  const parties = byIdentity(state);
  const tile = (t: Tile, size: 'main' | 'small') => {
    const party = parties.get(t.identity);
    return party ? renderTile(call, party, t, size) : nothing;
  };
  const self = renderSelf(call, surface, state, layout.self);
  switch (layout.kind) {
    case 'waiting':
      return html`<p class="status" role="status">${phaseWords(state.phase, surface)}</p>
        ${self}`;
    case 'share':
      return html`<div class="main">${layout.main.map((t) => tile(t, 'main'))}</div>
        <div class="side">${layout.small.map((t) => tile(t, 'small'))}${self}</div>`;
    case 'grid': {
      const count = layout.main.length + 1;
      const columns = count <= 1 ? 1 : count <= 4 ? 2 : 3;
      // Classes, not a style attribute: the CSP allows no inline styles.
      return html`<div class="grid columns-${columns}">
        ${layout.main.map((t) => tile(t, 'main'))}${self}
      </div>`;
    }
    case 'single':
    case 'side-by-side':
      return html`<div class="main">${layout.main.map((t) => tile(t, 'main'))}</div>
        ${self}`;
  }
}
