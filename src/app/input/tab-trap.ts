import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { focusableElements } from './spatial-navigation.js';

/**
 * Keeps Tab and Shift+Tab going round a modal element's own controls, never behind it
 * (a keyboard or the kiosk's; the remote's arrows are scoped by the focus manager).
 */
export class TabTrapController implements ReactiveController {
  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('keydown', this.onKeyDown);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('keydown', this.onKeyDown);
  }

  private readonly onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Tab') return;
    const controls = focusableElements(this.host);
    const index = controls.indexOf(this.host.shadowRoot?.activeElement as HTMLElement);
    const next = controls[(index + (event.shiftKey ? controls.length - 1 : 1)) % controls.length];
    next?.focus();
    event.preventDefault();
  };
}
