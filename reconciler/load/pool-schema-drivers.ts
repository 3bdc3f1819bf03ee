// The Pool schema's target part, generated from the driver registry (npm run schema writes it to the file).
import type { JsonSchema } from '../drivers/descriptor.ts';
import { DRIVERS } from '../drivers/registry.ts';

/** `$defs/target`: a `driver` of the registry's names, then that driver's `$defs/<name>Target`. */
function targetSchema(): JsonSchema {
  const names = DRIVERS.map((driver) => driver.name);
  // Each driver wraps the chain built so far: if driver is X then X's fields, else the rest.
  const chain = DRIVERS.reduce<JsonSchema | null>(
    (rest, driver) => ({
      if: { properties: { driver: { const: driver.name } } },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then/else
      then: { $ref: `#/$defs/${driver.name}Target` },
      ...(rest === null ? {} : { else: rest }),
    }),
    null,
  );
  return {
    description: `A driver that reads and changes actual state: ${names.slice(0, -1).join(', ')}${names.length > 1 ? ' or ' : ''}${names.at(-1)}.`,
    type: 'object',
    required: ['driver'],
    properties: {
      driver: {
        description: DRIVERS.map((driver) => driver.summary).join(' '),
        enum: names,
      },
    },
    ...chain,
  };
}

/** Names of the `$defs` that `schema` reaches through `$ref`, from its root. */
function reachable(schema: JsonSchema): Set<string> {
  const defs = (schema.$defs ?? {}) as Record<string, JsonSchema>;
  const seen = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      const name =
        key === '$ref' && typeof value === 'string' ? /^#\/\$defs\/(.+)$/.exec(value) : null;
      if (name?.[1] !== undefined && !seen.has(name[1])) {
        seen.add(name[1]);
        walk(defs[name[1]]);
      } else if (key !== '$defs') walk(value);
    }
  };
  walk(schema);
  return seen;
}

/**
 * The Pool schema with its target part made from the registry: `$defs/target` and each driver's definitions;
 * definitions nothing refers to any more (a removed driver's) are dropped. The rest stays as written.
 */
export function withDriverTargets(schema: JsonSchema): JsonSchema {
  const copy = structuredClone(schema);
  const defs = { ...((copy.$defs ?? {}) as Record<string, JsonSchema>) };
  defs.target = targetSchema();
  for (const driver of DRIVERS) {
    defs[`${driver.name}Target`] = driver.schema.target;
    Object.assign(defs, driver.schema.defs ?? {});
  }
  copy.$defs = defs;
  const used = reachable(copy);
  copy.$defs = Object.fromEntries(Object.entries(defs).filter(([name]) => used.has(name)));
  return copy;
}
