import { describe, expect, it, vi } from 'vitest';
import { appOrigins, handleWindowOpen, isAppUrl, isTrustedSender, mayGrantPermission, mayNavigate } from './security';

const INDEX = 'file:///opt/Stowage/resources/app.asar/out/renderer/index.html';
const packaged = appOrigins(INDEX, 'http://localhost:5173', true);
const dev = appOrigins(INDEX, 'http://localhost:5173', false);

describe('isTrustedSender', () => {
  it('trusts the main frame at the app page', () => {
    expect(isTrustedSender({ url: INDEX, parent: null }, packaged)).toBe(true);
    expect(isTrustedSender({ url: `${INDEX}#/settings`, parent: null }, packaged)).toBe(true);
  });

  it('refuses a sub-frame even at the app URL (previews load untrusted content in frames)', () => {
    expect(isTrustedSender({ url: INDEX, parent: {} }, packaged)).toBe(false);
  });

  it('refuses foreign pages, look-alike paths, and a missing frame', () => {
    expect(isTrustedSender({ url: 'https://evil.example/index.html', parent: null }, packaged)).toBe(false);
    expect(isTrustedSender({ url: 'file:///tmp/out/renderer/index.html', parent: null }, packaged)).toBe(false);
    expect(isTrustedSender({ url: 'file:///opt/Stowage/resources/app.asar/out/renderer/other.html', parent: null }, packaged)).toBe(false);
    expect(isTrustedSender({ url: 'not a url', parent: null }, packaged)).toBe(false);
    expect(isTrustedSender(null, packaged)).toBe(false);
  });

  it('trusts the dev server only when the app is not packaged', () => {
    expect(isTrustedSender({ url: 'http://localhost:5173/', parent: null }, dev)).toBe(true);
    expect(isTrustedSender({ url: 'http://localhost:5173/', parent: null }, packaged)).toBe(false);
    expect(isTrustedSender({ url: 'http://localhost:5174/', parent: null }, dev)).toBe(false);
  });
});

describe('navigation and new windows', () => {
  it('lets the window navigate only within the app', () => {
    expect(mayNavigate(INDEX, packaged)).toBe(true);
    expect(mayNavigate('https://api.vlm.run/v1/files/abc', packaged)).toBe(false);
    expect(mayNavigate('file:///etc/passwd', packaged)).toBe(false);
    expect(isAppUrl('javascript:alert(1)', packaged)).toBe(false);
  });

  it('denies every new window, handing only http(s) links to the OS browser', () => {
    const open = vi.fn();
    expect(handleWindowOpen('https://docs.vlm.run/', open)).toEqual({ action: 'deny' });
    expect(handleWindowOpen('http://127.0.0.1:9/x', open)).toEqual({ action: 'deny' });
    expect(handleWindowOpen('file:///etc/passwd', open)).toEqual({ action: 'deny' });
    expect(handleWindowOpen('smb://host/share', open)).toEqual({ action: 'deny' });
    expect(handleWindowOpen('javascript:alert(1)', open)).toEqual({ action: 'deny' });
    expect(open.mock.calls).toEqual([['https://docs.vlm.run/'], ['http://127.0.0.1:9/x']]);
  });
});

describe('permissions', () => {
  it('grants only the clipboard write, and only to the app page', () => {
    expect(mayGrantPermission('clipboard-sanitized-write', INDEX, packaged)).toBe(true);
    expect(mayGrantPermission('clipboard-sanitized-write', 'https://evil.example/', packaged)).toBe(false);
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen', 'hid', 'serial']) {
      expect(mayGrantPermission(permission, INDEX, packaged)).toBe(false);
    }
  });
});
