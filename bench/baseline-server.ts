// The read baseline: a plain node:http server that answers every request by running the captured SQL of
// GET /api/releases/:id with `pg` (same pool size as the app) and returning the rows as JSON.
import fs from "node:fs";
import http from "node:http";
import pg from "pg";

const queries = JSON.parse(fs.readFileSync(process.env.BASELINE_QUERIES!, "utf8")) as { sql: string; params: unknown[] }[];
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.COUNTDOWN_DB_POOL ?? 10) });

http
  .createServer(async (_req, res) => {
    try {
      const results = [];
      for (const q of queries) results.push((await pool.query(q.sql, q.params)).rows);
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(results));
    } catch (err) {
      res.writeHead(500).end((err as Error).message);
    }
  })
  .listen(Number(process.env.BASELINE_PORT), "127.0.0.1", () => console.log("baseline ready"));
