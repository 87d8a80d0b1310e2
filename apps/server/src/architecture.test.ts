import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The module map holds: modules depend on each other in one direction only (a module uses another through its
 * exported service, and never back). Checked on the source, so a cycle fails `npm test` the moment it is written.
 */

const MODULES_DIR = path.join(import.meta.dirname, 'modules');

/** Which modules each module imports, and through which file, from each module's non-test sources. */
type ModuleGraph = Map<string, Map<string, string>>;

function sourceFilesOf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

function moduleGraph(): ModuleGraph {
  const graph: ModuleGraph = new Map();
  for (const module of readdirSync(MODULES_DIR, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    const edges = new Map<string, string>();
    graph.set(module.name, edges);
    for (const file of sourceFilesOf(path.join(MODULES_DIR, module.name))) {
      // Type-only imports count: a type from another module is a dependency on it as much as a call is.
      const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
      for (const { fileName: specifier } of importedFiles) {
        if (!specifier.startsWith('.')) continue;
        const target = path.relative(MODULES_DIR, path.resolve(path.dirname(file), specifier));
        const [other] = target.split(path.sep);
        if (!other || other === '..' || other === module.name) continue;
        if (!edges.has(other)) edges.set(other, path.relative(MODULES_DIR, file));
      }
    }
  }
  return graph;
}

/**
 * The import cycles of a graph, one per strongly connected component that has one: each as the path that
 * leaves a module and comes back to it (`['a', 'b', 'a']`), the shortest from the component's first module.
 */
function findCycles(graph: ReadonlyMap<string, Iterable<string>>): string[][] {
  const successors = (node: string) => [...(graph.get(node) ?? [])];
  // Tarjan's algorithm: the components come out as their last node is finished.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of successors(node)) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    for (let member = stack.pop()!; ; member = stack.pop()!) {
      onStack.delete(member);
      component.push(member);
      if (member === node) break;
    }
    components.push(component);
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);

  const cycles: string[][] = [];
  for (const component of components) {
    const members = new Set(component);
    const [start] = [...members].sort();
    if (!start || (members.size === 1 && !successors(start).includes(start))) continue;
    // Breadth first within the component, back to where it started.
    const cameFrom = new Map<string, string>();
    const queue = [start];
    search: while (queue.length) {
      const node = queue.shift()!;
      for (const next of successors(node).sort()) {
        if (!members.has(next)) continue;
        if (next === start) {
          const way: string[] = [];
          for (let at = node; at !== start; at = cameFrom.get(at)!) way.unshift(at);
          cycles.push([start, ...way, start]);
          break search;
        }
        if (!cameFrom.has(next)) {
          cameFrom.set(next, node);
          queue.push(next);
        }
      }
    }
  }
  return cycles.sort((x, y) => x[0]!.localeCompare(y[0]!));
}

describe('findCycles', () => {
  it('finds a cycle of three and leaves the module that only points into it out', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(findCycles(graph)).toEqual([['a', 'b', 'c', 'a']]);
  });

  it('finds each cycle of its own, a module that imports itself, and none in a graph without one', () => {
    const graph = new Map([
      ['billing', ['customers']],
      ['customers', ['billing', 'mail']],
      ['mail', ['audit']],
      ['audit', []],
      ['team', ['team', 'mail']],
    ]);
    expect(findCycles(graph)).toEqual([
      ['billing', 'customers', 'billing'],
      ['team', 'team'],
    ]);
    expect(findCycles(new Map([...graph].filter(([m]) => m !== 'billing' && m !== 'team')))).toEqual([]);
  });
});

describe('the module map', () => {
  it('has no import cycle between modules', () => {
    const graph = moduleGraph();
    const cycles = findCycles(new Map([...graph].map(([m, edges]) => [m, [...edges.keys()]])));
    const described = cycles.map((cycle) =>
      cycle
        .slice(1)
        .map((to, i) => `${cycle[i]} → ${to} (${graph.get(cycle[i]!)?.get(to)})`)
        .join(', '),
    );
    if (described.length) console.log(`import cycles between modules:\n  ${described.join('\n  ')}`);
    expect(described).toEqual([]);
  });
});

/** A service file over this many lines does more than one thing; split it by concern. */
const MAX_SERVICE_LINES = 300;
/** A constructor that needs more collaborators than this coordinates too much; split it by use case. */
const MAX_CONSTRUCTOR_DEPENDENCIES = 6;
/** How many of the largest each listing shows. */
const LISTED = 10;

function lineCount(text: string): number {
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/**
 * What each class's constructor depends on: the keys of its deps object (inline or an interface of the same
 * file), or each parameter when it takes them one by one.
 */
function constructorDependencies(file: string): { name: string; count: number }[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const membersOf = (type: ts.TypeNode | undefined): number => {
    if (!type) return 1;
    if (ts.isTypeLiteralNode(type)) return type.members.length;
    if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)) {
      const name = type.typeName.text;
      for (const statement of source.statements) {
        if (ts.isInterfaceDeclaration(statement) && statement.name.text === name)
          return statement.members.length;
        if (ts.isTypeAliasDeclaration(statement) && statement.name.text === name)
          return membersOf(statement.type);
      }
    }
    return 1;
  };
  const found: { name: string; count: number }[] = [];
  for (const statement of source.statements) {
    if (!ts.isClassDeclaration(statement) || !statement.name) continue;
    const init = statement.members.find(ts.isConstructorDeclaration);
    if (!init) continue;
    const count = init.parameters.reduce((sum, p) => sum + membersOf(p.type), 0);
    found.push({ name: `${statement.name.text} (${path.relative(MODULES_DIR, file)})`, count });
  }
  return found;
}

describe('the services', () => {
  const files = sourceFilesOf(MODULES_DIR);

  it(`have at most ${MAX_SERVICE_LINES} lines a file`, () => {
    const sizes = files
      .filter((f) => f.endsWith('.service.ts'))
      .map((f) => ({ file: path.relative(MODULES_DIR, f), lines: lineCount(readFileSync(f, 'utf8')) }))
      .sort((a, b) => b.lines - a.lines);
    console.log(
      `largest service files (lines):\n${sizes
        .slice(0, LISTED)
        .map((s) => `  ${String(s.lines).padStart(5)}  ${s.file}`)
        .join('\n')}`,
    );
    expect(sizes.filter((s) => s.lines > MAX_SERVICE_LINES)).toEqual([]);
  });

  it(`take at most ${MAX_CONSTRUCTOR_DEPENDENCIES} dependencies a constructor`, () => {
    const counts = files.flatMap(constructorDependencies).sort((a, b) => b.count - a.count);
    console.log(
      `most constructor dependencies:\n${counts
        .slice(0, LISTED)
        .map((c) => `  ${String(c.count).padStart(5)}  ${c.name}`)
        .join('\n')}`,
    );
    expect(counts.filter((c) => c.count > MAX_CONSTRUCTOR_DEPENDENCIES)).toEqual([]);
  });
});
