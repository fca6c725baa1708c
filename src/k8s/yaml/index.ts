// sigs.k8s.io/yaml JSONToYAML, byte for byte: the YAML `kubectl get -o yaml` and
// `auger decode` print. Go reads the JSON with go-yaml v2 (yaml.Unmarshal into
// interface{}), then writes it with yaml.Marshal: keys in go-yaml's natural order,
// YAML 1.1 quoting, literal blocks for multi-line strings, folding at width 80,
// sequences not indented under their key.

import { parseJsonForYaml } from './json-value.js';
import { marshalYaml } from './encode.js';
import { marshalGoJson, type GoJsonValue } from './go-json.js';

export { parseJsonForYaml, YamlConversionError, YamlNumber, MAX_JSON_DEPTH as YAML_MAX_JSON_DEPTH } from './json-value.js';
export type { YamlValue, YamlMapping } from './json-value.js';
export { marshalYaml } from './encode.js';
export { canBePlain, resolvesToNonString, isBase60Float, isYamlTimestamp } from './resolve.js';
export { formatGoFloat } from './go-float.js';
export { marshalGoJson, type GoJsonValue } from './go-json.js';
export { keyLess, sortLikeGo, toRunes } from './key-order.js';

/**
 * Exactly the bytes sigs.k8s.io/yaml `JSONToYAML([]byte(jsonText))` returns, ending in
 * "\n". Throws YamlConversionError (a CorruptDataError) where Go returns an error, and
 * for text that is not JSON.
 */
export function jsonToYaml(jsonText: string): string {
  return marshalYaml(parseJsonForYaml(jsonText));
}

/**
 * sigs.k8s.io/yaml `Marshal(v)` for a value held in JavaScript: JSONToYAML of the JSON
 * Go's encoding/json would write for it (see go-json.ts for why JSON.stringify is not
 * the same). Use bigint for 64-bit integers.
 */
export function objectToYaml(value: GoJsonValue): string {
  return jsonToYaml(marshalGoJson(value));
}
