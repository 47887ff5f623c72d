import { describe, expect, it } from 'vitest';
import { EVENT_CHANNEL_NAMES, INVOKE_CHANNEL_NAMES, PRELOAD_CHANNEL_NAMES } from './channels';
import { preloadChannels } from './grants';
import { eventChannels, invokeChannels } from './index';

describe('the channel-name lists the preload uses', () => {
  it('name exactly the channels and events the contract declares', () => {
    expect([...INVOKE_CHANNEL_NAMES].sort()).toEqual(Object.keys(invokeChannels).sort());
    expect([...EVENT_CHANNEL_NAMES].sort()).toEqual(Object.keys(eventChannels).sort());
    expect([...PRELOAD_CHANNEL_NAMES].sort()).toEqual(Object.keys(preloadChannels).sort());
  });
});
