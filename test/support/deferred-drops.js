// jest's globalSetup and globalTeardown (plain CommonJS: they run in jest's own process, before any transform).
//
// Dropping a database makes PostgreSQL wait for a checkpoint: 1.5 to 3.5 s on these machines, in every test file's
// afterAll, with the worker idle. Concurrent drops share one checkpoint, so each file only writes its database down
// here (`TestDatabase.drop`), and the teardown drops them all at once, eight at a time, when every file is done.
const { existsSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { Client } = require('pg');

const VARIABLE = 'RESETTLE_TEST_DEFERRED_DROPS';

/** The names PostgreSQL quotes for identifiers (the test databases' names are `resettle_test_<base36>_<hex>`). */
const quote = (name) => `"${String(name).replace(/"/g, '""')}"`;

async function dropAll(file) {
  const entries = readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  const pending = [...entries];
  const failures = [];
  const dropOne = async ({ adminUrl, database, roles }) => {
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${quote(database)} WITH (FORCE)`);
      for (const role of roles) await admin.query(`DROP ROLE IF EXISTS ${quote(role)}`);
    } finally {
      await admin.end();
    }
  };
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let entry = pending.shift(); entry; entry = pending.shift()) {
        await dropOne(entry).catch((error) => failures.push(`${entry.database}: ${error.message}`));
      }
    }),
  );
  if (failures.length > 0) console.warn(`Test databases left behind:\n${failures.join('\n')}`);
}

// The same name as TestDatabase's DEFERRED_DROPS, which appends to the file.
module.exports = {
  async setup() {
    const file = join(tmpdir(), `resettle-test-drops-${process.pid}-${Date.now().toString(36)}`);
    writeFileSync(file, '');
    // Read by TestDatabase.drop in every jest worker (workers inherit this process's environment).
    process.env[VARIABLE] = file;
  },
  async teardown() {
    const file = process.env[VARIABLE];
    if (!file || !existsSync(file)) return;
    try {
      await dropAll(file);
    } finally {
      rmSync(file, { force: true });
      delete process.env[VARIABLE];
    }
  },
};
