// Architecture rules, checked by `npm run lint` (and so by `npm test` and CI).
const frameworkAndDrivers =
  'node_modules/(@nestjs|typeorm|pg|better-sqlite3|kafkajs|@kurrent|@eventstore|class-validator|class-transformer|express|prom-client)/';
const domain = '^libs/[^/]+/src/domain/|^libs/[^/]+/src/[^/]+/domain/|^libs/shared-kernel/src/|^libs/platform/src/auth/principal\\.ts$';

// The libraries from the bottom up: each may import those before it, never one after it.
const layers = ['libs/shared-kernel', 'libs/event-store', 'libs/platform', 'libs/privacy', 'libs/registration', 'libs/resolution', 'libs/obligations', 'apps'];

// What a context offers the others: its index, its pure domain, and the entries declared here.
const publicEntries = [
  '^libs/[^/]+/src/index\\.ts$',
  '^libs/[^/]+/src/domain/index\\.ts$',
  '^libs/shared-kernel/src/identifiers/index\\.ts$',
  // The encryption without the Nest shell, for other contexts' projections.
  '^libs/privacy/src/core\\.ts$',
  // The tax office's consumer: topics, event documents and the broker, without the registry's module.
  '^libs/obligations/src/tax-office\\.ts$',
  // The purpose codes an officer reads under, imported by the browser workspace too (it imports nothing).
  '^libs/resolution/src/audit/purpose-codes\\.ts$',
];

const layerRules = layers.slice(0, -1).map((layer, i) => ({
  name: `${layer.replace('libs/', '')}-sits-below-${layers[i + 1].replace('libs/', '')}`,
  comment: `${layer} may import ${layers.slice(0, i).join(', ') || 'no other library'}; never ${layers.slice(i + 1).join(', ')}.`,
  severity: 'error',
  from: { path: `^${layer}/` },
  to: { path: `^(${layers.slice(i + 1).join('|')})/` },
}));

module.exports = {
  forbidden: [
    {
      name: 'domain-is-plain-typescript',
      comment: 'Domain code (deciders, events, value objects) imports no framework, ORM, driver or client.',
      severity: 'error',
      from: { path: domain },
      to: { path: frameworkAndDrivers },
    },
    {
      name: 'domain-stays-in-the-domain',
      comment: 'Domain code depends on other domain code only, never on the shell around it.',
      severity: 'error',
      from: { path: domain },
      to: { path: '^(apps|test)/|^libs/(event-store|platform)/', pathNot: domain },
    },
    ...layerRules,
    {
      name: 'contexts-meet-at-their-entries',
      comment: 'A library or app reaches into another only through its index.ts or a declared public entry (publicEntries).',
      severity: 'error',
      from: { path: '^(libs/[^/]+|apps/[^/]+)/' },
      to: { path: '^libs/[^/]+/', pathNot: ['^$1/', ...publicEntries] },
    },
    {
      name: 'controllers-hold-no-sql',
      comment:
        'Controllers dispatch to command and query handlers; the SQL stays behind those. (ESLint forbids importing SqlDatabase by name from the event-store index.)',
      severity: 'error',
      from: { path: '\\.controller\\.ts$' },
      to: { path: '^libs/event-store/src/sql/|node_modules/(typeorm|pg|better-sqlite3)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Each package counts as its folder, so the rule above sees `node_modules/typeorm/` for any import of it.
    collapse: 'node_modules/(@[^/]+/[^/]+|[^/]+)/',
    exclude: { path: '\\.spec\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
