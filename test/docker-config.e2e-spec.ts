// docker-compose.yml and docker/Dockerfile cannot run here (no Docker engine), so CI checks them the ways it can:
// the compose file against the Compose Specification's JSON schema (docker/compose-spec.json, as shipped by Debian's
// docker-compose 1.29 package, which validates the same way: `docker-compose config -q`), the Dockerfile with
// dockerfile-utils (the linter behind the Docker language server), and both against this repository: every file
// they copy or start exists, and the apps use the least-privilege database role.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import { validate as validateDockerfile } from 'dockerfile-utils';
import { parse as parseYaml } from 'yaml';

const root = join(__dirname, '..');
const BUILT_IN = new Set(builtinModules);
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** The 1.29 schema names its sub-schemas with draft-04 `id`s, which Ajv refuses: drop them (nothing refers to them). */
function withoutDraft4Ids(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutDraft4Ids);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !((key === 'id' || key === '$schema') && typeof value === 'string'))
      .map(([key, value]) => [key, withoutDraft4Ids(value)]),
  );
}

function composeValidator() {
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  // The schema's own formats, as docker-compose defines them.
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
  ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp))?$/);
  ajv.addFormat('ports', /^((\[?[\d.:a-fA-F]*\]?:)?(\d+(-\d+)?)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat('subnet_ip_address', /^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$|^[\da-fA-F:]+\/\d{1,3}$/);
  return ajv.compile(withoutDraft4Ids(JSON.parse(read('docker/compose-spec.json'))) as object);
}

type Compose = {
  services: Record<
    string,
    { command?: string[]; environment?: Record<string, string>; depends_on?: Record<string, { condition: string }> }
  >;
};

const composeText = read('docker-compose.yml');
const compose = parseYaml(composeText, { merge: true }) as Compose;
const dockerfile = read('docker/Dockerfile');

describe('docker-compose.yml', () => {
  const validateCompose = composeValidator();

  it('is a valid Compose file', () => {
    expect(validateCompose(compose) ? [] : validateCompose.errors).toEqual([]);
  });

  it('the schema check catches what docker-compose would refuse (a misspelt condition and option)', () => {
    const broken = parseYaml(
      composeText
        .replace('condition: service_healthy', 'condition: service_hapy')
        .replace('ipv4_address', 'ipv4_adress'),
      { merge: true },
    );
    expect(validateCompose(broken)).toBe(false);
    const paths = (validateCompose.errors ?? []).map((e) => e.instancePath);
    expect(paths.some((p) => p.includes('/depends_on/'))).toBe(true);
    expect(paths.some((p) => p.includes('/networks/default'))).toBe(true);
  });

  it('every dependency names a service of the file', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const dependency of Object.keys(service.depends_on ?? {})) {
        expect([name, dependency, Object.keys(compose.services).includes(dependency)]).toEqual([
          name,
          dependency,
          true,
        ]);
      }
    }
  });

  it('each command starts a file the build produces', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      const scripts = (service.command ?? []).join(' ').match(/dist\/[\w/.-]+\.js/g) ?? [];
      for (const built of scripts) {
        const source = built.replace(/^dist\//, '').replace(/\.js$/, '.ts');
        expect([name, source, existsSync(join(root, source))]).toEqual([name, source, true]);
      }
    }
  });

  it('the api, worker and portal use the application role; only the migrate job knows the owner and the superuser', () => {
    for (const name of ['api', 'worker', 'portal']) {
      const env = compose.services[name].environment ?? {};
      expect(env.DATABASE_URL).toMatch(/^postgres:\/\/resettle_app:/);
      expect(env.MIGRATION_DATABASE_URL).toBeUndefined();
      expect(env.DATABASE_ADMIN_URL).toBeUndefined();
    }
    const migrate = compose.services.migrate.environment ?? {};
    expect(migrate.MIGRATION_DATABASE_URL).toMatch(/^postgres:\/\/resettle_owner:/);
  });
});

describe('docker/Dockerfile', () => {
  it('has no problems dockerfile-utils can find', () => {
    expect(validateDockerfile(dockerfile).map((d) => `line ${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
  });

  it('the linter is not blind: it finds a COPY with one argument and a bad port', () => {
    expect(validateDockerfile('FROM node:20\nCOPY package.json\nEXPOSE abc\n').length).toBeGreaterThanOrEqual(2);
  });

  it('copies only what exists, and runs as the unprivileged node user', () => {
    const sources = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => m[1].split(/\s+/));
    expect(sources.length).toBeGreaterThan(3);
    for (const source of sources) expect([source, existsSync(join(root, source))]).toEqual([source, true]);
    expect(dockerfile).toMatch(/^USER node$/m);
  });

  it('its image keeps every package the apps, migrations and seed import at run time (dependencies, not devDependencies)', () => {
    const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string> };
    const runtimeSources = ['apps', 'libs', 'scripts'].flatMap((dir) =>
      (readdirSync(join(root, dir), { recursive: true }) as string[])
        .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts') && !file.includes('/views/'))
        .map((file) => read(join(dir, file))),
    );
    const imported = new Set(
      runtimeSources
        // Type-only imports vanish at build time; a package is its name up to the first / (two for a scope).
        .flatMap((source) => [...source.matchAll(/^import (?!type )[^;]*? from '([^']+)'/gm)].map((m) => m[1]))
        .filter((spec) => !spec.startsWith('@resettle') && !spec.startsWith('node:') && !spec.startsWith('.'))
        .map((spec) =>
          spec
            .split('/')
            .slice(0, spec.startsWith('@') ? 2 : 1)
            .join('/'),
        ),
    );
    expect(imported.size).toBeGreaterThan(10);
    const missing = [...imported].filter((name) => !(name in pkg.dependencies) && !BUILT_IN.has(name));
    expect(missing).toEqual([]);
  });
});
