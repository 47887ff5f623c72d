/**
 * The house's import arrows, declared once and enforced (`npm run lint` runs depcruise;
 * scripts/dependency-rules.test.ts proves each rule fires on a deliberate violation):
 *
 *   shared          -> nothing of ours
 *   electron/lib    -> nothing of ours (plain Node helpers: the SQLite opener)
 *   electron/sandbox-> lib
 *   services        -> shared, lib
 *   app             -> services, shared, and the sandbox's host side (fork-host, host-protocol, faults)
 *   main            -> app, shared, the sandbox's host protocol
 *   preload         -> channel names only
 *   renderer        -> shared
 *   e2e/harness     -> app (the bridge: channel names)
 *   test/support    -> anything but main and preload
 * No cycles, type-only imports included. Tests may also reach test/support and the sandbox.
 */
const OURS = '^(shared|electron|renderer|e2e|test|bench|scripts)/';
const TEST = '\\.test\\.tsx?$';

module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', comment: 'Cycles, type-only ones included, hide which way data flows.', from: {}, to: { circular: true } },
    { name: 'shared-is-a-leaf', severity: 'error', from: { path: '^shared/', pathNot: TEST }, to: { path: OURS, pathNot: '^shared/' } },
    { name: 'lib-is-a-leaf', severity: 'error', from: { path: '^electron/lib/', pathNot: TEST }, to: { path: OURS, pathNot: '^electron/lib/' } },
    {
      name: 'sandbox-stands-alone',
      severity: 'error',
      comment: 'The sandbox is a Files API server: it needs nothing of the app.',
      from: { path: '^electron/sandbox/', pathNot: TEST },
      to: { path: OURS, pathNot: '^electron/(sandbox|lib)/' },
    },
    {
      name: 'services-point-inward',
      severity: 'error',
      comment: 'Services are the plain-Node domain: they declare ports and never reach outward.',
      from: { path: '^electron/services/', pathNot: TEST },
      to: { path: OURS, pathNot: '^(shared|electron/(services|lib))/' },
    },
    {
      name: 'app-knows-services-only',
      severity: 'error',
      from: { path: '^electron/app/', pathNot: TEST },
      to: { path: OURS, pathNot: '^(shared|electron/(app|services|lib)|electron/sandbox/(fork-host|host-protocol|faults)\\.ts$)' },
    },
    {
      name: 'main-knows-app-only',
      severity: 'error',
      comment: 'The Electron shell talks to the core through electron/app, never to services directly.',
      from: { path: '^electron/main/', pathNot: TEST },
      to: { path: OURS, pathNot: '^(shared|electron/(main|app)|electron/sandbox/host-(protocol|entry)\\.ts$)' },
    },
    {
      name: 'preload-carries-names-only',
      severity: 'error',
      comment: 'The sandboxed preload bundles channel names, not the schemas (main parses every input).',
      from: { path: '^electron/preload/', pathNot: TEST },
      to: { path: OURS, pathNot: '^(electron/preload/|shared/contract/channels\\.ts$|shared/ipc/names\\.ts$)' },
    },
    { name: 'renderer-sees-shared-only', severity: 'error', from: { path: '^renderer/' }, to: { path: OURS, pathNot: '^(renderer|shared)/' } },
    {
      name: 'harness-is-a-transport',
      severity: 'error',
      comment: 'The browser harness is a second transport over the core, with no product logic of its own.',
      from: { path: '^e2e/harness/', pathNot: TEST },
      to: { path: OURS, pathNot: '^(e2e/harness|shared|electron/app)/' },
    },
    {
      name: 'tests-never-reach-the-shell',
      severity: 'error',
      from: { path: '^(test/support|bench)/' },
      to: { path: '^electron/(main|preload)/' },
    },
    {
      name: 'product-never-imports-tests',
      severity: 'error',
      comment: 'Test helpers live in test/support and are only imported by tests.',
      from: { path: '^(shared|electron|renderer)/', pathNot: TEST },
      to: { path: '^(test|e2e|bench)/|' + TEST },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(out|node_modules|test-results|playwright-report)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.depcruise.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
  },
};
