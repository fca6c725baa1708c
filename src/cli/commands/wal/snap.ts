// `etcd-forensics snap <file.snap>`: a raft snapshot's metadata, conf state and payload summary.
import { Command } from 'commander';
import { stringifyJson } from '../../../io/json.js';
import { readSnapFile } from '../../../snap/snap-file.js';
import { summarizeSnapPayload } from '../../../snap/payload.js';
import { idHex } from '../../../wal/dump-logs-text.js';
import { hex32 } from '../../../wal/records.js';
import { action } from '../../action.js';
import { outputOption } from '../../output/format.js';
import { escapeTerminal } from '../../../io/terminal.js';
import type { Output } from '../../output/stdout.js';

export function snapCommand(): Command {
  return new Command('snap')
    .description('Show a raft snapshot (.snap) file: CRC status, term/index, conf state and a summary of its v2-store payload.')
    .argument('<file.snap>', 'a member/snap/<term>-<index>.snap file')
    .addOption(outputOption(['table', 'json'], 'table'))
    .action(
      action(async (out: Output, file: string, flags: { output: 'table' | 'json' }) => {
        const snap = await readSnapFile(file);
        const payload = summarizeSnapPayload(snap.payload);
        const cs = snap.confState;
        if (flags.output === 'json') {
          await out.line(
            stringifyJson(
              {
                file: snap.path,
                size: snap.size,
                crc: snap.crc,
                crc_ok: true,
                term: snap.term,
                index: snap.index,
                conf_state: {
                  voters: cs.voters.map(idHex),
                  learners: cs.learners.map(idHex),
                  voters_outgoing: cs.votersOutgoing.map(idHex),
                  learners_next: cs.learnersNext.map(idHex),
                  auto_leave: cs.autoLeave,
                },
                payload,
              },
              2,
            ),
          );
          return 0;
        }
        const ids = (l: bigint[]): string => (l.length ? l.map(idHex).join(', ') : '-');
        const rows: [string, string][] = [
          ['File', snap.path],
          ['Size', `${snap.size} bytes`],
          ['CRC', `${hex32(snap.crc)} (ok)`],
          ['Term', String(snap.term)],
          ['Index', String(snap.index)],
          ['Voters', ids(cs.voters)],
          ['Learners', ids(cs.learners)],
        ];
        if (cs.votersOutgoing.length || cs.learnersNext.length || cs.autoLeave) {
          rows.push(['Voters outgoing', ids(cs.votersOutgoing)], ['Learners next', ids(cs.learnersNext)], ['Auto leave', String(cs.autoLeave)]);
        }
        rows.push(['Payload', `${payload.bytes} bytes, ${payload.format}${payload.error ? ` (${payload.error})` : ''}`]);
        if (payload.format === 'v2-store-json') {
          rows.push(['v2 store', `${payload.nodes} nodes, ${payload.values} values`]);
          if (payload.clusterVersion !== undefined) rows.push(['Cluster version', payload.clusterVersion]);
          for (const m of payload.members ?? []) {
            rows.push([`Member ${m.id}`, `name=${m.name ?? '?'} peerURLs=${(m.peerURLs ?? []).join(',') || '-'} clientURLs=${(m.clientURLs ?? []).join(',') || '-'}`]);
          }
        }
        const w = Math.max(...rows.map(([k]) => k.length));
        for (const [k, v] of rows) await out.line(`${(k + ':').padEnd(w + 2)}${escapeTerminal(v)}`);
        return 0;
      }),
    );
}
