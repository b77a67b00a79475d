import { css } from 'lit';
import { controls } from '../design/controls.js';

/** The call screen's styles: the stage and its tiles, the self-view, banners, the controls. */
export const callScreenStyles = [
  controls,
  css`
    :host {
      /*
         * TV and kiosk: from where this screen starts (below the status bar; measured, see
         * fitToViewport) down to just above the app's fixed key legend (one line of small text
         * above the bottom safe margin).
         */
      --dah-call-legend: calc(
        var(--dah-safe-y) + var(--dah-font-small) * var(--dah-line-height) + 2 * var(--dah-space)
      );
      display: flex;
      flex-direction: column;
      position: relative;
      box-sizing: border-box;
      height: calc(100vh - var(--dah-call-top, 15vh) - var(--dah-call-legend));
      min-height: calc(400 * var(--dah-px));
    }
    /* The console wraps this screen in its own layout: fill whatever it gives. */
    :host([surface='console']) {
      height: 100%;
      min-height: 70vh;
    }
    /* 测量给医生看: the readings screen over the right of the stage; the doctor stays in view on the left. */
    .measure-panel {
      position: absolute;
      top: 0;
      right: var(--dah-safe-x);
      bottom: 0;
      width: 62%;
      overflow-y: auto;
      background: var(--dah-bg);
      border-radius: var(--dah-radius);
      z-index: 2;
    }
    :host([measuring]) .self {
      display: none;
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
    .stage {
      flex: 1;
      min-height: 0;
      position: relative;
      display: flex;
      padding: 0 var(--dah-safe-x);
    }
    :host([surface='console']) .stage {
      padding: 0;
    }
    .main {
      flex: 1;
      min-width: 0;
      display: flex;
    }
    .main > .tile + .tile {
      margin-left: var(--dah-space);
    }
    .grid {
      flex: 1;
      display: grid;
      grid-template-columns: 1fr 1fr;
      grid-auto-rows: 1fr;
      grid-gap: var(--dah-space);
    }
    .grid.columns-1 {
      grid-template-columns: 1fr;
    }
    .grid.columns-3 {
      grid-template-columns: 1fr 1fr 1fr;
    }
    .side {
      width: 22%;
      margin-left: var(--dah-space);
      display: flex;
      flex-direction: column;
    }
    .side > * + * {
      margin-top: var(--dah-space);
    }
    .side .tile {
      flex: 1 1 0;
      max-height: 40%;
    }
    .tile {
      flex: 1;
      position: relative;
      margin: 0;
      min-width: 0;
      min-height: 0;
      overflow: hidden;
      border-radius: var(--dah-radius);
      background: #000;
    }
    .tile video {
      position: absolute;
      top: 0;
      left: 0;
      width: 100%;
      height: 100%;
      object-fit: contain;
      background: #000;
    }
    .cover {
      position: absolute;
      top: 0;
      right: 0;
      bottom: 0;
      left: 0;
      display: flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      text-align: center;
      padding: var(--dah-space);
      background: var(--dah-surface);
    }
    .initial {
      display: flex;
      align-items: center;
      justify-content: center;
      width: 2.4em;
      height: 2.4em;
      border-radius: 50%;
      background: var(--dah-bg);
      font-size: var(--dah-font-heading);
      font-weight: 700;
    }
    .cover p {
      margin: var(--dah-space) 0 0;
    }
    figcaption {
      position: absolute;
      left: var(--dah-space);
      bottom: var(--dah-space);
      max-width: calc(100% - 2 * var(--dah-space));
      padding: 0 var(--dah-space);
      border-radius: var(--dah-radius);
      background: rgba(0, 0, 0, 0.8);
    }
    .small figcaption {
      left: calc(var(--dah-space) / 3);
      bottom: calc(var(--dah-space) / 3);
      font-size: var(--dah-font-small);
    }
    .name {
      font-weight: 700;
    }
    .role,
    .quality {
      margin-left: calc(var(--dah-space) / 2);
      font-size: var(--dah-font-small);
    }
    .quality[data-quality='excellent'],
    .quality[data-quality='good'] {
      color: var(--dah-ok);
    }
    .quality[data-quality='poor'] {
      color: var(--dah-warning);
    }
    .quality[data-quality='lost'] {
      color: var(--dah-danger);
    }
    .self {
      position: absolute;
      right: calc(var(--dah-safe-x) + var(--dah-space));
      bottom: var(--dah-space);
      width: 20%;
      height: 30%;
      z-index: 1;
      border: calc(3 * var(--dah-px)) solid var(--dah-text-muted);
    }
    /* Two large tiles: their names are at the bottom, so the self-view goes to the top corner. */
    .stage[data-layout='side-by-side'] .self {
      top: 0;
      bottom: auto;
      width: 16%;
      height: 24%;
    }
    .side .self,
    .grid .self {
      position: relative;
      right: auto;
      bottom: auto;
      width: auto;
      height: auto;
      flex: 1;
    }
    .self video {
      transform: scaleX(-1);
    }
    .self.corner video {
      object-fit: cover;
    }
    .self .cover {
      font-size: var(--dah-font-small);
    }
    .self .notes {
      position: absolute;
      left: 0;
      right: 0;
      top: 0;
      margin: 0;
      padding: calc(var(--dah-space) / 3);
      background: rgba(0, 0, 0, 0.8);
      font-size: var(--dah-font-small);
    }
    .status {
      flex: 1;
      align-self: center;
      text-align: center;
      font-size: var(--dah-font-heading);
      margin: 0;
    }
    .banner {
      position: absolute;
      top: var(--dah-space);
      left: 50%;
      transform: translateX(-50%);
      z-index: 2;
      margin: 0;
      padding: calc(var(--dah-space) / 2) var(--dah-space);
      border-radius: var(--dah-radius);
      background: var(--dah-accent);
      color: var(--dah-on-accent);
      font-weight: 700;
    }
    .overlay {
      position: absolute;
      top: 0;
      right: 0;
      bottom: 0;
      left: 0;
      z-index: 3;
      display: flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      text-align: center;
      padding: var(--dah-space) var(--dah-safe-x);
      background: rgba(0, 0, 0, 0.85);
    }
    .overlay p {
      font-size: var(--dah-font-heading);
      margin: 0;
    }
    .overlay svg {
      font-size: calc(2 * var(--dah-font-heading));
      margin-bottom: var(--dah-space);
    }
    .overlay.ended {
      background: var(--dah-bg);
    }
    .overlay.ended p {
      font-size: var(--dah-font-body);
      max-width: 60em;
    }
    .overlay.ended h2 {
      font-size: var(--dah-font-heading);
      margin: 0 0 var(--dah-space);
    }
    .actions {
      margin-top: calc(var(--dah-space) * 1.5);
    }
    .actions button + button {
      margin-left: calc(var(--dah-space) * 1.5);
    }
    .controls {
      flex: 0 0 auto;
      display: flex;
      align-items: center;
      padding: var(--dah-space) var(--dah-safe-x) 0;
    }
    :host([surface='console']) .controls {
      padding: var(--dah-space) 0 0;
    }
    .controls button + button {
      margin-left: calc(var(--dah-space) * 1.5);
    }
    button svg {
      vertical-align: middle;
      margin-right: calc(var(--dah-space) / 3);
    }
    button.danger {
      background: var(--dah-emergency-bg);
      color: var(--dah-on-emergency);
    }
    .hint {
      margin-left: auto;
      font-size: var(--dah-font-small);
      color: var(--dah-text-muted);
    }
    .audio {
      display: none;
    }
  `,
];
