// Dependency rules of Montage (issue 10, item 6; ADR 0021). `npm test` runs
// `npm run deps` (depcruise with this file), so a new import that breaks a
// rule fails the test command and prints the offending from → to path.
//
// There is no list of known violations: the tree follows every rule.

/** Node-only code shared by the web process and the render node. */
const SHARED_NODE = '^shared/node/';
/** The pure part of shared/: runs in the browser, the server and the node. */
const SHARED_PURE = '^shared/(?!node/)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'resolvable',
      severity: 'error',
      comment:
        'Every import resolves; an import the checker cannot follow would slip past every other rule.',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles hide the order modules load in and make areas inseparable.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'shared-is-pure',
      severity: 'error',
      comment:
        'shared/ is common ground: it depends on no process and not on Node-only shared/node/.',
      from: { path: SHARED_PURE },
      to: { path: ['^app/', '^server/', '^render-node/', SHARED_NODE] },
    },
    {
      name: 'shared-node-serves-processes',
      severity: 'error',
      comment: 'shared/node/ is used by the processes; it imports none of them (ADR 0019).',
      from: { path: SHARED_NODE },
      to: { path: ['^app/', '^server/', '^render-node/'] },
    },
    {
      name: 'app-not-shared-node',
      severity: 'error',
      comment: 'The UI bundle cannot carry Node-only code.',
      from: { path: '^app/' },
      to: { path: SHARED_NODE },
    },
    {
      name: 'server-not-render-node',
      severity: 'error',
      comment: 'The web process and the render node share code only through shared/ (ADR 0019).',
      from: { path: '^server/' },
      to: { path: '^render-node/' },
    },
    {
      name: 'render-node-not-server',
      severity: 'error',
      comment: 'The web process and the render node share code only through shared/ (ADR 0019).',
      from: { path: '^render-node/' },
      to: { path: '^server/' },
    },
    {
      name: 'app-reaches-server-only-from-server-modules',
      severity: 'error',
      comment:
        'Only *.server.ts modules, which Remix keeps out of the browser bundle, may import server/.',
      from: { path: '^app/', pathNot: '[.]server[.]tsx?$' },
      to: { path: '^server/' },
    },
    {
      name: 'onnxruntime-only-in-the-inference-host',
      severity: 'error',
      comment:
        "onnxruntime-node loads a native runtime: only the render node's inference host and the code it runs (inference/, models/, the ONNX image and Piper pipelines) may import it; never the web process, the UI or shared/ (ADR 0037).",
      from: {
        pathNot:
          '^(render-node/(inference|models|engines/image/onnx|engines/voice/piper)/|tests/|bench/)',
      },
      to: { path: 'node_modules/onnxruntime-node/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // node_modules is not followed but stays visible as the end of an import, so rules can name a package.
    exclude: { path: '^(build|public/build|data|[.]tools)/' },
    // Imports carry their .ts extension (allowImportingTsExtensions); the
    // TypeScript resolver of tsconfig.json resolves them as tsc does.
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.cjs', '.mjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
