// Prisma's schema engine, run from its WASM build: the native engine cannot be downloaded on our machines
// (docs/platform.md). Loaded the way the Prisma CLI loads it: instantiate the .wasm with the bindgen glue.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";

const require = createRequire(import.meta.url);
export const PRISMA_DIR = path.resolve(import.meta.dirname, "../../prisma");
export const SCHEMA_PATH = path.join(PRISMA_DIR, "schema.prisma");
export const MIGRATIONS_DIR = path.join(PRISMA_DIR, "migrations");

type Bindgen = typeof import("@prisma/schema-engine-wasm") & {
  __wbg_set_wasm(exports: WebAssembly.Exports): void;
};

let bindgen: Promise<Bindgen> | undefined;

let lastPanic = "";

function loadBindgen(): Promise<Bindgen> {
  bindgen ??= (async () => {
    // The engine reports a Rust panic's message here before it throws.
    (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY = {
      set_message: (message: string) => {
        lastPanic = message;
      },
    };
    // The package exports only its entry (which imports the .wasm as an ES module, unsupported by Node 20).
    const pkgDir = path.dirname(require.resolve("@prisma/schema-engine-wasm"));
    const glue = (await import(path.join(pkgDir, "schema_engine_bg.js"))) as Bindgen;
    const wasmModule = new WebAssembly.Module(fs.readFileSync(path.join(pkgDir, "schema_engine_bg.wasm")));
    const instance = new WebAssembly.Instance(wasmModule, { "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return bindgen;
}

export function readSchema(): string {
  return fs.readFileSync(SCHEMA_PATH, "utf8");
}

async function openSchemaEngine(databaseUrl: string, log: (line: string) => void = () => {}): Promise<{ engine: SchemaEngine; pool: pg.Pool }> {
  const { SchemaEngine } = await loadBindgen();
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2, Client: IntrospectionClient });
  const adapter = migrationAdapterFactory(pool);
  const engine = await SchemaEngine.new({ datamodels: [[SCHEMA_PATH, readSchema()]] }, log, adapter);
  return { engine, pool };
}

const PG_CHAR = 18;
const PG_TEXT = 25;
const CHARACTER_COLUMN = 6; // ColumnTypeEnum.Character in @prisma/driver-adapter-utils
const charColumns = new WeakMap<object, number[]>();

/**
 * The engine's introspection reads catalog columns of PostgreSQL's one-byte `"char"` type (OID 18), which
 * @prisma/adapter-pg 7.10 does not map ("Column type 'char' could not be deserialized"), while the engine
 * expects them typed as Character. The client lets them through as text and remembers which columns they
 * were (keyed by the rows array, which the adapter returns as is); the adapter wrapper retypes them.
 */
class IntrospectionClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const last = args.length - 1;
    if (typeof args[last] === "function") {
      const callback = args[last];
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      args[last] = (err: Error | null, res: any) => callback(err, err ? res : markCharColumns(res));
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const result = (super.query as (...a: any[]) => any)(...args);
    return result && typeof result.then === "function" ? result.then(markCharColumns) : result;
  }
}

function markCharColumns<R>(result: R): R {
  for (const r of (Array.isArray(result) ? result : [result]) as (pg.QueryResult | undefined)[]) {
    const indexes: number[] = [];
    r?.fields?.forEach((field, i) => {
      if (field.dataTypeID === PG_CHAR) {
        field.dataTypeID = PG_TEXT;
        indexes.push(i);
      }
    });
    if (r && indexes.length) charColumns.set(r.rows, indexes);
  }
  return result;
}

type Queryable = { queryRaw(q: unknown): Promise<{ rows: object; columnTypes: number[] }>; startTransaction?: (...a: unknown[]) => Promise<Queryable> };

function retypeCharColumns<Q extends Queryable>(queryable: Q): Q {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (q) => {
    const result = await queryRaw(q);
    for (const i of charColumns.get(result.rows) ?? []) result.columnTypes[i] = CHARACTER_COLUMN;
    return result;
  };
  const startTransaction = queryable.startTransaction?.bind(queryable);
  if (startTransaction) queryable.startTransaction = async (...a) => retypeCharColumns(await startTransaction(...a));
  return queryable;
}

function migrationAdapterFactory(pool: pg.Pool) {
  const factory = new PrismaPg(pool);
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    // adapter-pg runs a migration script by splitting it on ";", which breaks dollar-quoted function bodies
    // (our audit trigger); PostgreSQL runs a whole multi-statement script in one simple query, as `prisma
    // migrate` does.
    adapter.executeScript = async (script: string) => {
      await pool.query(script);
    };
    return retypeCharColumns(adapter as unknown as Queryable) as unknown as typeof adapter;
  };
  return bindMigrationAwareSqlAdapterFactory(factory);
}

export async function withSchemaEngine<T>(databaseUrl: string, fn: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const { engine, pool } = await openSchemaEngine(databaseUrl);
  try {
    return await fn(engine);
  } catch (err) {
    if (lastPanic) throw new Error(`schema engine panicked: ${lastPanic}`, { cause: err });
    throw err;
  } finally {
    engine.free();
    await pool.end();
  }
}
