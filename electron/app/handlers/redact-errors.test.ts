import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { KnownSecrets } from '../../services/secrets/redact';
import { dispatch } from './dispatch';
import { redactErrors } from './redact-errors';
import type { Handlers } from './types';

const KEY = 'sk-handler-9c0e2b4d6f8a0c2e';

describe('errors leaving the handler table', () => {
  it('carry no known key, nor 8 characters of one, and keep their code', async () => {
    const known = new KnownSecrets();
    known.add(KEY);
    const leaky = {
      'app:info': async () => {
        throw new AppError('unauthorized', `The key ${KEY.slice(0, 12)} was refused. Check it and save again.`);
      },
    } as unknown as Handlers;
    const result = await dispatch(redactErrors(leaky, known), 'app:info', undefined);
    expect(result).toEqual({ ok: false, error: { code: 'unauthorized', message: 'The key ••• was refused. Check it and save again.' } });
  });
});
