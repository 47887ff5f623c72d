/**
 * The contract's channel names and nothing else: no schemas, no zod. The preload bundles only
 * this file (and the name helpers), so it stays a few kilobytes; `index.ts` checks at compile time
 * that these lists name exactly the channels the schemas declare, and a unit test checks it again
 * at run time.
 */
export const INVOKE_CHANNEL_NAMES = [
  'app:info',
  'dialog:pickFiles',
  'shell:openExternal',
  'workspaces:list',
  'workspaces:save',
  'workspaces:remove',
  'workspaces:activate',
  'workspaces:test',
  'files:list',
  'files:get',
  'files:delete',
  'files:preview',
  'files:previewText',
  'uploads:preflight',
  'uploads:start',
  'uploads:list',
  'uploads:cancel',
  'uploads:retry',
  'uploads:resume',
  'uploads:decide',
  'uploads:clearFinished',
  'activity:list',
  'inventory:start',
  'inventory:cancel',
  'inventory:result',
  'inventory:export',
  'inventory:files',
  'inventory:stale',
  'inventory:selectStale',
  'auditAll:start',
  'auditAll:cancel',
  'auditAll:result',
  'auditAll:export',
  'report:save',
  'history:audits',
  'history:diff',
  'history:changes',
  'history:selectAdded',
  'history:removeAudits',
  'history:duplicates',
  'history:selectDuplicates',
] as const;

/**
 * Channels only the preload calls (see grants.ts): main registers them, the preload never puts
 * them on `window.api`.
 */
export const PRELOAD_CHANNEL_NAMES = ['drop:register'] as const;

/** Events main pushes to the window. */
export const EVENT_CHANNEL_NAMES = ['files:changed', 'uploads:progress', 'uploads:summary', 'inventory:progress', 'auditAll:progress', 'sandbox:status'] as const;
