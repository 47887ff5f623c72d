import { describe, expect, it } from 'vitest';
import { baseUrlProblem, isLoopbackHost, originOf } from './urls';

describe('base URLs a key may be sent to', () => {
  it('allows https:// anywhere and http:// only to this computer', () => {
    for (const ok of ['https://api.vlm.run/v1', 'https://10.0.0.5:8443/v1', 'http://localhost:8080/v1', 'http://LOCALHOST/v1', 'http://127.0.0.1:3000', 'http://127.255.0.9/x', 'http://[::1]:9/v1']) {
      expect(baseUrlProblem(ok), ok).toBeNull();
    }
    for (const bad of ['http://files.example.com/v1', 'http://10.0.0.5/v1', 'http://128.0.0.1/v1', 'http://localhost.example.com/', 'http://127.0.0.1.nip.io/', 'http://[::2]/v1', 'http://0.0.0.0/']) {
      expect(baseUrlProblem(bad), bad).toMatch(/must use https:\/\/.*unencrypted/);
    }
    expect(baseUrlProblem('http://files.example.com/v1')).toContain('Change it to https://files.example.com/v1.');
    expect(baseUrlProblem('file:///etc/passwd')).toMatch(/must start with https:\/\//);
    expect(baseUrlProblem('api.vlm.run')).toMatch(/not a web address/);
  });

  it('knows loopback hosts as URL parsing spells them', () => {
    expect(isLoopbackHost(new URL('http://[::1]/').hostname)).toBe(true);
    expect(isLoopbackHost(new URL('http://127.1/').hostname)).toBe(true);
    expect(isLoopbackHost(new URL('http://2130706433/').hostname)).toBe(true);
    expect(isLoopbackHost('example.com')).toBe(false);
  });

  it('compares destinations by scheme, host and port', () => {
    expect(originOf('https://api.vlm.run/v1/')).toBe('https://api.vlm.run');
    expect(originOf('https://api.vlm.run:443/v2')).toBe('https://api.vlm.run');
    expect(originOf('http://127.0.0.1:4000/v1')).not.toBe(originOf('http://127.0.0.1:4001/v1'));
    expect(originOf('not a url')).toBeNull();
  });
});
