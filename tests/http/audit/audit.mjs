#!/usr/bin/env node
// Audits a GraphQL endpoint against the GraphQL-over-HTTP specification with
// graphql-http's `auditServer` (the reference implementation's audit suite).
//
//   node audit.mjs http://127.0.0.1:8000/graphql
//
// Prints one line per audit (id, status, name and, unless ok, the reason with
// the response's status and body), then a summary as the very last line:
//
//   graphql-http audit: N ok, N warnings, N failures
//
// (", N notices" is appended when optional MAY audits did not pass.)
// Exits 0 only if every audit is ok, 1 otherwise, 2 on a usage or fatal error.

import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs <url of the GraphQL endpoint>');
  process.exit(2);
}

/** The response of a failed audit, in short, to see what the server answered. */
async function describe(response) {
  if (!response) return '';
  let body = '';
  try {
    body = (await response.text()).replace(/\s+/g, ' ').slice(0, 300);
  } catch {
    // the audit may already have consumed the body
  }
  const type = response.headers.get('content-type') ?? '-';
  return ` [${response.status} ${type}] ${body}`;
}

let results;
try {
  results = await auditServer({ url });
} catch (err) {
  console.error(`graphql-http audit could not run against ${url}: ${err?.stack ?? err}`);
  process.exit(2);
}

const counts = { ok: 0, warn: 0, error: 0, notice: 0 };
for (const result of results) {
  counts[result.status] = (counts[result.status] ?? 0) + 1;
  let line = `${result.id} ${result.status.padEnd(6)} ${result.name}`;
  if (result.status !== 'ok') {
    line += `\n    reason: ${result.reason}${await describe(result.response)}`;
  }
  console.log(line);
}

let summary =
  `graphql-http audit: ${counts.ok} ok, ${counts.warn} warnings, ${counts.error} failures`;
if (counts.notice) summary += `, ${counts.notice} notices`;
console.log(summary);
process.exit(counts.ok === results.length ? 0 : 1);
