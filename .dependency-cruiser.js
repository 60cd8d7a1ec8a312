// Architecture rules, checked by `npm test` (npm run lint:architecture) and so by CI.
const frameworkAndDrivers =
  'node_modules/(@nestjs|typeorm|pg|better-sqlite3|kafkajs|@kurrent|@eventstore|class-validator|class-transformer|express|prom-client)/';
const domain = '^libs/[^/]+/src/domain/|^libs/[^/]+/src/[^/]+/domain/|^libs/shared-kernel/src/|^libs/platform/src/auth/principal\\.ts$';

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
