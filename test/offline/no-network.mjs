// Preload (`node --import ./no-network.mjs …`) that makes every way out of the process throw:
// sockets, DNS, HTTP(S), TLS, UDP, fetch, and child processes. Worker threads stay allowed.
// Any attempt is recorded; at exit the process prints each one to stderr and exits 97, even when
// the program caught the error.
import childProcess from 'node:child_process';
import dgram from 'node:dgram';
import dns from 'node:dns';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import tls from 'node:tls';

export const VIOLATION_EXIT = 97;
const attempts = [];

function forbid(owner, name, label) {
  if (typeof owner[name] !== 'function') return;
  owner[name] = function forbidden() {
    attempts.push(label);
    throw new Error(`offline guarantee: ${label} was called`);
  };
}

forbid(net.Socket.prototype, 'connect', 'net.Socket#connect');
for (const name of ['connect', 'createConnection']) forbid(net, name, `net.${name}`);
for (const name of ['connect', 'createSecureContext']) forbid(tls, name, `tls.${name}`);
forbid(tls.TLSSocket.prototype, 'connect', 'tls.TLSSocket#connect');
for (const name of Object.keys(dns)) if (/^(lookup|lookupService|resolve.*|reverse)$/.test(name)) forbid(dns, name, `dns.${name}`);
for (const name of Object.keys(dns.promises)) if (/^(lookup|lookupService|resolve.*|reverse)$/.test(name)) forbid(dns.promises, name, `dns.promises.${name}`);
forbid(dns.Resolver.prototype, 'resolve', 'dns.Resolver#resolve');
for (const mod of [['http', http], ['https', https]]) for (const name of ['request', 'get']) forbid(mod[1], name, `${mod[0]}.${name}`);
forbid(http2, 'connect', 'http2.connect');
forbid(dgram, 'createSocket', 'dgram.createSocket');
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) forbid(childProcess, name, `child_process.${name}`);
if (typeof globalThis.fetch === 'function') forbid(globalThis, 'fetch', 'fetch');
// ES module imports of builtins are bindings to a snapshot of their exports: refresh them.
syncBuiltinESMExports();

process.on('exit', () => {
  if (attempts.length === 0) return;
  process.stderr.write(`offline guarantee violated: ${attempts.join(', ')}\n`);
  process.exitCode = VIOLATION_EXIT;
});
