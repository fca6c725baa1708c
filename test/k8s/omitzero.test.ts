// `omitzero` adoption (kubernetes PR #130989, shipped in 1.34): a zero metadata.creationTimestamp
// (the pod template of a Deployment, Job, StatefulSet…) renders `null` up to 1.33 and is left
// out from 1.34 on; the protobuf is the same in every release (gogo writes the empty Time).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeStorageValue, encodeStorageValue, toJson, toYaml } from '../../src/k8s/index.js';
import { schemaForRelease } from '../../src/k8s/schema.js';

const deployment = (templateMeta: string): string =>
  `{"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"web","namespace":"default","creationTimestamp":"2024-05-01T10:00:00Z"},` +
  `"spec":{"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":${templateMeta},"spec":{"containers":[{"name":"c","image":"nginx"}]}}}}`;

test('zero creationTimestamp: omitted by default and from 1.34, null before; same bytes either way', () => {
  const withNull = encodeStorageValue(deployment('{"creationTimestamp":null,"labels":{"app":"web"}}'), schemaForRelease('1.33'));
  const without = encodeStorageValue(deployment('{"labels":{"app":"web"}}'));
  assert.deepEqual(Buffer.from(without).toString('hex'), Buffer.from(withNull).toString('hex'));
  // the template's ObjectMeta holds the empty Time (field 8: 42 00) as Go writes it
  assert.ok(Buffer.from(without).includes(Buffer.from('4200', 'hex')));
  for (const release of [undefined, '1.34', '1.36', 'HEAD', '1.33', '1.30', '1.19']) {
    const schema = release === undefined ? undefined : schemaForRelease(release);
    const old = release !== undefined && /^1\.(19|30|33)$/.test(release);
    const d = decodeStorageValue(without, schema);
    const json = JSON.parse(toJson(d));
    assert.equal(json.metadata.creationTimestamp, '2024-05-01T10:00:00Z', String(release));
    assert.equal('creationTimestamp' in json.spec.template.metadata, old, `${release}: ${JSON.stringify(json.spec.template.metadata)}`);
    if (old) assert.equal(json.spec.template.metadata.creationTimestamp, null);
    assert.equal(/^ {6}creationTimestamp: null$/m.test(toYaml(decodeStorageValue(without, schema, 'yaml'))), old, String(release));
    // the tree path agrees with the direct renderer
    assert.equal('creationTimestamp' in (d.object as any).spec.template.metadata, old);
    // and the rendering encodes back to the same bytes in that release's view
    assert.deepEqual(Buffer.from(encodeStorageValue(toJson(d), schema)).toString('hex'), Buffer.from(without).toString('hex'));
  }
});
