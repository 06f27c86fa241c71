/**
 * Vaksam's architecture, checked by `npm test` (pretest) and CI. Each rule's comment says why it exists and how to
 * fix a violation; `npx depcruise src --config .dependency-cruiser.cjs` runs the check alone.
 *
 * Layers, lowest first (a module imports only its own layer or lower ones):
 *   base     errors, text, vocabulary                                  (pure helpers)
 *   config   config (the only reader of process.env), log             (a leaf: config imports base only)
 *   domain   catalogue, classify, clusters, threats, threat-model, language, claims, email, alert decisions (src/alerts outside jobs/ and
 *            channels/deliver|send), digest content (src/digest outside jobs/), source parsers (src/sources/<kind>/parse|schema)
 *   io       db, fetch, mail, queue
 *   features pipeline, sources (adapters), catalogue-store, classify-store, cluster-store, threat-cases, alerts/jobs,
 *            digest/jobs, tipline, users, import, privacy, records
 *   app      app (wiring: the app opened from config, one function per job or command, the BullMQ workers)
 *   entry    cli, http
 */

/** Domain modules: data in, data out. */
const DOMAIN = [
  '^src/(catalogue|classify|clusters|threats|threat-model|language|claims|email|text|vocabulary)/',
  '^src/alerts/(?!jobs/|channels/(deliver|send)\\.ts)',
  '^src/digest/(?!jobs/)',
  '^src/sources/[^/]+/(parse|schema)\\.ts$',
];

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'Import cycles make load order matter and hide which module owns what. Fix: move the shared part into the ' +
        'lower module (or a new small one both import), or pass it in as a parameter.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment:
        'Domain modules (catalogue, classify, threats, language, claims, email, alert decisions, digest content, ' +
        'source parsers) never import db, fetch, mail, queue, config or anything above them: pass data, settings ' +
        'and `now` in as parameters. Pure code they need from a feature moves down into a domain folder.',
      from: { path: DOMAIN },
      to: { path: '^src/(db|fetch|mail|queue|config|log|pipeline|sources/(?!api/)|app|cli|http|users|tipline|import|threat-cases|catalogue-store|classify-store|cluster-store|privacy|records)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'domain-names-types-only',
      severity: 'error',
      comment:
        'Allow-list: a domain module may name types (erased at compile time, so it still runs nothing) of config ' +
        '(settings it is handed) and db (the stored enumerations such as ThreatLevel, and the rows it returns). ' +
        'Any other type comes from a domain folder. Fix: `import type` from config or db, or move the type down.',
      from: { path: DOMAIN },
      to: { path: '^src/(fetch|mail|queue|log|pipeline|app|cli|http|users|tipline|import|threat-cases|catalogue-store|classify-store|cluster-store|privacy|records)/', dependencyTypes: ['type-only'] },
    },
    {
      name: 'config-is-a-leaf',
      severity: 'error',
      comment:
        'src/config imports zod, errors and text only. A feature\'s settings schema lives in ' +
        'src/config/sections/<feature>.ts and the feature imports its types from src/config/index.ts.',
      from: { path: '^src/config/' },
      to: { path: '^src/', pathNot: '^src/(config|errors|text)/' },
    },
    {
      name: 'io-below-features',
      severity: 'error',
      comment:
        'db, fetch, mail and queue are the I/O edges every feature uses; they import no feature. Fix: pass what ' +
        'they need in (a callback, a type from a lower layer), or move the code up into the feature.',
      from: { path: '^src/(db|fetch|mail|queue|log)/' },
      to: { path: '^src/(pipeline|sources|catalogue-store|classify-store|cluster-store|threat-cases|alerts|digest|tipline|users|import|privacy|records|app|cli|http)/' },
    },
    {
      name: 'only-entry-points-import-app',
      severity: 'error',
      comment:
        'src/app wires everything together; only the entry points (src/cli, src/http) import it. Fix: give the ' +
        'feature function the dependency as a parameter and build it in src/app.',
      from: { path: '^src/', pathNot: '^src/(app|cli|http)/' },
      to: { path: '^src/app/' },
    },
    {
      name: 'nothing-imports-entry-points',
      severity: 'error',
      comment:
        'src/cli and src/http are entry points: nothing below imports them (the CLI may start the web server). ' +
        'Fix: move the shared code down into src/app or the feature folder.',
      from: { path: '^src/', pathNot: '^src/(cli|http)/' },
      to: { path: '^src/(cli|http)/' },
    },
    {
      name: 'http-does-not-import-cli',
      severity: 'error',
      comment: 'The web server runs without the CLI. Fix: move the shared code into src/app.',
      from: { path: '^src/http/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'across-folders-via-index',
      severity: 'error',
      comment:
        'Another src folder is used only through its index.ts (or the index.ts of one of its subfolders, such as ' +
        'db/schema or sources/mastodon): that file is the folder\'s public face. Fix: import from the index, and ' +
        'export what you need there.',
      from: { path: '^src/([^/]+)/' },
      to: { path: '^src/[^/]+/', pathNot: ['^src/$1/', '/index\\.ts$'] },
    },
  ],
  allowedSeverity: 'warn',
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)/' },
    // The fixture trees of test/architecture have no tsconfig of their own.
    ...(require('node:fs').existsSync('tsconfig.json') ? { tsConfig: { fileName: 'tsconfig.json' } } : {}),
    tsPreCompilationDeps: true,
  },
};
