#!/usr/bin/env node
// `node bench/profile-top.mjs file.cpuprofile [N]`: the top N frames of a V8 CPU profile by self
// time (and by total time, callers included), with their share of the sampled time, for
// BENCHMARKS.md. Paths are shortened to the package (node_modules/<pkg>) or the repository.
import { readFileSync } from 'node:fs';

const [file, n = '15'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/profile-top.mjs file.cpuprofile [N]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const self = new Map();
for (const id of profile.samples) self.set(id, (self.get(id) ?? 0) + 1);
const total = profile.samples.length;

function where(cf) {
  const url = cf.url.replace(/^file:\/\//, '');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  const short = pkg ? pkg[1] : url.replace(/^.*?\/(packages|bench)\//, '$1/');
  return short ? `${short}:${cf.lineNumber + 1}` : '(native)';
}
const key = (cf) => `${cf.functionName || '(anonymous)'} ${where(cf)}`;

const selfBy = new Map();
const totalBy = new Map();
for (const [id, count] of self) {
  const node = byId.get(id);
  selfBy.set(key(node.callFrame), (selfBy.get(key(node.callFrame)) ?? 0) + count);
  // Total: each distinct frame on the stack once.
  const seen = new Set();
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const k = key(byId.get(at).callFrame);
    if (seen.has(k)) continue;
    seen.add(k);
    totalBy.set(k, (totalBy.get(k) ?? 0) + count);
  }
}
const idle = [...selfBy].filter(([k]) => /^\((idle|program|garbage collector)\)/.test(k));
const pct = (c) => `${((100 * c) / total).toFixed(1).padStart(5)}%`;
console.log(`${total} samples; ${idle.map(([k, c]) => `${k.split(' ')[0]} ${pct(c).trim()}`).join(', ')}`);
console.log('\nself time:');
for (const [k, c] of [...selfBy].sort((a, b) => b[1] - a[1]).slice(0, Number(n)))
  console.log(`${pct(c)}  ${k}`);
console.log('\ntotal time (callees included):');
for (const [k, c] of [...totalBy]
  .filter(([k]) => !/^\((root|program|idle)\)/.test(k))
  .sort((a, b) => b[1] - a[1])
  .slice(0, Number(n)))
  console.log(`${pct(c)}  ${k}`);
