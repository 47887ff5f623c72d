/**
 * Told when a workspace's stored files changed (an upload landed, a delete went through), so
 * whoever keeps listings can drop them and the window can refresh exactly that workspace.
 */
export interface FileChanges {
  changed(workspaceId: string): void;
}
