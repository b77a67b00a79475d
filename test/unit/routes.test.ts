import { expect } from '@open-wc/testing';
import { matchRoute, pathFor } from '../../src/app/router/routes.js';

describe('routes', () => {
  it('gives every surface a home', () => {
    expect(matchRoute('/')).to.deep.equal({ screen: 'home', surface: 'tv' });
    expect(matchRoute('/tv')).to.deep.equal({ screen: 'home', surface: 'tv' });
    expect(matchRoute('/kiosk/')).to.deep.equal({ screen: 'home', surface: 'kiosk' });
    expect(matchRoute('/console')).to.deep.equal({ screen: 'home', surface: 'console' });
  });

  it('deep-links a call and round-trips through pathFor', () => {
    const route = matchRoute('/console/call/c-demo-wang');
    expect(route).to.deep.equal({ screen: 'call', surface: 'console', consultationId: 'c-demo-wang' });
    expect(pathFor(route!)).to.equal('/console/call/c-demo-wang');
  });

  it('refuses unknown surfaces and malformed ids', () => {
    expect(matchRoute('/admin')).to.equal(null);
    expect(matchRoute('/tv/call/C-UPPER')).to.equal(null);
    expect(matchRoute('/tv/call/a/b')).to.equal(null);
    expect(matchRoute('/tv/elsewhere')).to.equal(null);
  });
});
