import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IsBoolean, IsOptional, IsString, validateSync } from 'class-validator';
import * as ts from 'typescript';
import { IsOptionalNotNull } from './is-optional-not-null';

class Example {
  @IsOptionalNotNull() @IsBoolean() disabled?: boolean;
  @IsOptional() @IsString() notes?: string | null;
}

function errorsOf(value: Record<string, unknown>): Record<string, string[]> {
  const example = Object.assign(new Example(), value);
  return Object.fromEntries(validateSync(example).map((e) => [e.property, Object.values(e.constraints ?? {}).sort()]));
}

describe('IsOptionalNotNull', () => {
  it.each([
    ['left out', {}, {}],
    ['given', { disabled: true }, {}],
    [
      'sent as null',
      { disabled: null },
      { disabled: ['disabled cannot be null; leave it out instead', 'disabled must be a boolean value'].sort() },
    ],
    ['of the wrong type', { disabled: 'yes' }, { disabled: ['disabled must be a boolean value'] }],
    // Where null means "clear it", IsOptional still lets it through.
    ['null where null clears', { notes: null }, {}],
  ])('%s', (_what, value, expected) => {
    expect(errorsOf(value)).toEqual(expected);
  });
});

/**
 * The rule, kept by reading the source: in every GraphQL input (`@InputType()` class named `…Input`), an optional
 * field whose TypeScript type has no `null` uses `@IsOptionalNotNull()`, and one typed `T | null` (null clears it)
 * uses `@IsOptional()`. So a new field cannot let null through to a NOT NULL column by forgetting. (Filters and
 * paging arguments, `…Filter` and `…Args`, take null as "not given", as GraphQL clients send it.)
 */
describe('optional input fields and null', () => {
  const root = join(__dirname, '..', '..', '..', '..');
  const files = execFileSync('git', ['ls-files', 'libs/*.ts', 'apps/*.ts'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));

  const fields: { where: string; optional: 'IsOptional' | 'IsOptionalNotNull'; nullable: boolean }[] = [];
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    if (!text.includes('@InputType')) continue;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const decoratorsOf = (node: ts.Node) =>
      (ts.canHaveDecorators(node) ? (ts.getDecorators(node) ?? []) : []).map((d) => d.expression.getText(source));
    const visit = (node: ts.Node): void => {
      if (
        ts.isClassDeclaration(node) &&
        node.name?.text.endsWith('Input') &&
        decoratorsOf(node).some((d) => d.startsWith('InputType'))
      ) {
        for (const member of node.members) {
          if (!ts.isPropertyDeclaration(member)) continue;
          const optional = decoratorsOf(member)
            .find((d) => /^IsOptional(NotNull)?\(/.test(d))
            ?.replace(/\(.*$/, '');
          if (!optional) continue;
          const type = member.type ? member.type.getText(source) : '';
          fields.push({
            where: `${file}: ${node.name.text}.${member.name.getText(source)}: ${type}`,
            optional: optional as never,
            nullable: /\bnull\b/.test(type),
          });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }

  it('finds the inputs to check', () => {
    expect(fields.length).toBeGreaterThan(100);
  });

  it('refuses null wherever the type has no null, and only there', () => {
    const wrong = fields
      .filter((f) => (f.optional === 'IsOptional') !== f.nullable)
      .map((f) => `${f.where} uses @${f.optional}()`);
    expect(wrong).toEqual([]);
  });
});
