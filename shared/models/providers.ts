/**
 * What the app knows about each provider, as plain data the renderer can import directly:
 * purposes shown in the UI come from here (per provider), never from one hard-coded list.
 */
export const PROVIDER_KINDS = ['vlmrun', 'openai', 'yandex', 'llamacloud'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/** The wire dialect a provider speaks; one adapter per dialect in the main process. */
export type Dialect = 'vlmrun' | 'openai' | 'llamacloud';

/** How a provider pages its listing, which decides what the table's pager can offer. */
export type Pagination = 'offset' | 'cursor' | 'token';

export interface ProviderInfo {
  kind: ProviderKind;
  label: string;
  dialect: Dialect;
  defaultBaseUrl: string;
  /** Purposes a user may pick for an upload. */
  uploadPurposes: readonly string[];
  /** Purposes that may appear in a listing (uploads plus server-produced outputs). */
  listPurposes: readonly string[];
  defaultPurpose: string;
  /** Largest single file the provider takes, or null when it documents none. */
  maxFileBytes: number | null;
  /** The id that scopes requests (project or folder), where the provider has one. */
  scope: { field: 'projectId' | 'folderId'; label: string; help: string } | null;
  pagination: Pagination;
  /** Whether the user can jump straight to page N (only offset paging allows it). */
  canJumpToPage: boolean;
  /** Whether files carry an expiry date. */
  hasExpiry: boolean;
  /**
   * Whether an upload can ask the provider to delete the file after a time (`expires_after` on
   * OpenAI-compatible APIs). LlamaCloud files carry an expiry but the app cannot set it.
   */
  uploadExpiry: boolean;
  /** Header scheme for the key. */
  authScheme: 'Bearer' | 'Api-Key';
  /**
   * Whether the provider finds a stored file by its contents (MD5) and keeps one copy per
   * contents and purpose (VLM Run). Elsewhere "already stored" can only be compared by name and
   * size, unless Stowage recorded the contents when it uploaded the file.
   */
  contentLookup: boolean;
}

const MB = 1024 * 1024;

/** OpenAI and Yandex AI Studio share one Files API dialect and so one purpose list. */
const OPENAI_UPLOAD_PURPOSES = ['assistants', 'batch', 'fine-tune', 'vision', 'user_data', 'evals'] as const;
const OPENAI_LIST_PURPOSES = ['assistants', 'assistants_output', 'batch', 'batch_output', 'fine-tune', 'fine-tune-results', 'vision', 'user_data', 'evals'] as const;

export const PROVIDERS: Record<ProviderKind, ProviderInfo> = {
  vlmrun: {
    kind: 'vlmrun',
    label: 'VLM Run',
    dialect: 'vlmrun',
    defaultBaseUrl: 'https://api.vlm.run/v1',
    uploadPurposes: ['assistants', 'batch', 'fine-tune', 'vision', 'datasets'],
    listPurposes: ['assistants', 'assistants_output', 'batch', 'batch_output', 'fine-tune', 'vision', 'datasets'],
    defaultPurpose: 'assistants',
    maxFileBytes: null,
    scope: null,
    pagination: 'offset',
    canJumpToPage: true,
    hasExpiry: false,
    uploadExpiry: false,
    authScheme: 'Bearer',
    contentLookup: true,
  },
  openai: {
    kind: 'openai',
    label: 'OpenAI',
    dialect: 'openai',
    defaultBaseUrl: 'https://api.openai.com/v1',
    uploadPurposes: OPENAI_UPLOAD_PURPOSES,
    listPurposes: OPENAI_LIST_PURPOSES,
    defaultPurpose: 'user_data',
    maxFileBytes: 512 * MB,
    scope: { field: 'projectId', label: 'Project ID', help: 'Optional. Sent as the OpenAI-Project header.' },
    pagination: 'cursor',
    canJumpToPage: false,
    hasExpiry: true,
    uploadExpiry: true,
    authScheme: 'Bearer',
    contentLookup: false,
  },
  yandex: {
    kind: 'yandex',
    label: 'Yandex AI Studio',
    dialect: 'openai',
    defaultBaseUrl: 'https://ai.api.cloud.yandex.net/v1',
    uploadPurposes: OPENAI_UPLOAD_PURPOSES,
    listPurposes: OPENAI_LIST_PURPOSES,
    defaultPurpose: 'assistants',
    maxFileBytes: 128 * MB,
    scope: { field: 'folderId', label: 'Folder ID', help: 'The Yandex Cloud folder the files belong to.' },
    pagination: 'cursor',
    canJumpToPage: false,
    hasExpiry: true,
    uploadExpiry: true,
    authScheme: 'Api-Key',
    contentLookup: false,
  },
  llamacloud: {
    kind: 'llamacloud',
    label: 'LlamaCloud',
    dialect: 'llamacloud',
    defaultBaseUrl: 'https://api.cloud.llamaindex.ai',
    uploadPurposes: ['user_data', 'parse', 'extract', 'split', 'classify', 'sheet', 'agent_app'],
    listPurposes: ['user_data', 'parse', 'extract', 'split', 'classify', 'sheet', 'agent_app'],
    defaultPurpose: 'user_data',
    maxFileBytes: null,
    scope: { field: 'projectId', label: 'Project ID', help: 'Optional. Limits the workspace to one LlamaCloud project.' },
    pagination: 'token',
    canJumpToPage: false,
    hasExpiry: true,
    uploadExpiry: false,
    authScheme: 'Bearer',
    contentLookup: false,
  },
};
