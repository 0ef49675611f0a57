#!/usr/bin/env node
// CLV Studio benchmark: runs the SPEC §2 ETL (duckdb-etl.sql, beside this file) in DuckDB.
//
//   node tests/bench/duckdb-etl.mjs [--verbose] EVENTS.jsonl OUTDIR
//
// Writes OUTDIR/output_t1.txt, output_ltv_specs.txt and output_ltv_final.txt.
// DuckDB comes from the npm package @duckdb/node-api, looked up in
// $CLV_BENCH_DUCKDB_DIR (default: tests/bench/.work/duckdb, where run-benchmark.sh
// installs it with `npm install --prefix`), then through Node's normal resolution.
// DuckDB runs in memory with its default settings. --verbose prints the time of each
// statement on stderr. Exit codes: 0 done, 1 usage error, 2 DuckDB not found,
// 3 the ETL failed.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

function usage(stream) {
    stream.write('usage: node duckdb-etl.mjs [--verbose] EVENTS.jsonl OUTDIR\n');
}

const args = process.argv.slice(2);
let verbose = false;
const positional = [];
for (const a of args) {
    if (a === '--verbose' || a === '-v') verbose = true;
    else if (a === '--help' || a === '-h') { usage(process.stdout); process.exit(0); }
    else if (a.startsWith('-') && a !== '-') { process.stderr.write(`duckdb-etl: unknown option ${a}\n`); usage(process.stderr); process.exit(1); }
    else positional.push(a);
}
if (positional.length !== 2) { usage(process.stderr); process.exit(1); }
const [input, outDir] = positional;
if (!fs.existsSync(input)) { process.stderr.write(`duckdb-etl: ${input}: no such file\n`); process.exit(1); }

async function loadDuckDB() {
    const prefix = process.env.CLV_BENCH_DUCKDB_DIR || path.join(here, '.work', 'duckdb');
    try {
        return createRequire(path.join(path.resolve(prefix), 'package.json'))('@duckdb/node-api');
    } catch {
        try {
            return await import('@duckdb/node-api');
        } catch {
            process.stderr.write(`duckdb-etl: @duckdb/node-api not found in ${prefix} ` +
                `(install it with: npm install --prefix ${prefix} @duckdb/node-api)\n`);
            process.exit(2);
        }
    }
}

// A SQL string literal for a path.
const literal = (s) => `'${s.replaceAll("'", "''")}'`;

const duckdb = await loadDuckDB();
fs.mkdirSync(outDir, { recursive: true });
const sql = fs.readFileSync(path.join(here, 'duckdb-etl.sql'), 'utf8')
    .replaceAll('__INPUT__', literal(path.resolve(input)))
    .replaceAll('__OUTDIR_T1__', literal(path.resolve(outDir, 'output_t1.txt')))
    .replaceAll('__OUTDIR_SPECS__', literal(path.resolve(outDir, 'output_ltv_specs.txt')))
    .replaceAll('__OUTDIR_FINAL__', literal(path.resolve(outDir, 'output_ltv_final.txt')));

const t0 = performance.now();
let connection;
try {
    const instance = await duckdb.DuckDBInstance.create(':memory:');
    connection = await instance.connect();
    if (verbose) {
        const r = await connection.runAndReadAll(
            "SELECT version() AS v, current_setting('threads') AS t, current_setting('memory_limit') AS m");
        const [v, t, m] = r.getRows()[0];
        process.stderr.write(`duckdb ${v}, threads ${t}, memory_limit ${m}\n`);
    }
    const statements = await connection.extractStatements(sql);
    for (let i = 0; i < statements.count; ++i) {
        const ts = performance.now();
        const prepared = await statements.prepare(i);
        const result = await prepared.run();
        if (verbose) {
            let rows = '';
            try { rows = ` (${result.rowsChanged} rows)`; } catch { /* not a row-changing statement */ }
            process.stderr.write(`  statement ${i + 1}/${statements.count}: ${((performance.now() - ts) / 1000).toFixed(3)} s${rows}\n`);
        }
    }
} catch (e) {
    process.stderr.write(`duckdb-etl: ${e.message}\n`);
    process.exit(3);
}
if (verbose) process.stderr.write(`duckdb-etl: total ${((performance.now() - t0) / 1000).toFixed(3)} s\n`);
