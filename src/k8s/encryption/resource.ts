// etcd key → the group-resource the apiserver encrypts it as. Built-in resources are stored
// under /registry/<storage prefix>/..., where the prefix is usually the resource name but not
// always (services/specs, minions, controllers, ingress...) and carries no group; custom and
// aggregated resources are stored under /registry/<group>/<resource>/....
import type { GroupResource } from './config.js';

// storage prefix → group-resource, where the resource is not in the core group or the prefix
// is not the resource name (kubernetes pkg/registry/*/storage and the apiserver's defaults)
const BUILTIN: ReadonlyMap<string, GroupResource> = new Map(
  Object.entries({
    'services/specs': ['', 'services'],
    'services/endpoints': ['', 'endpoints'],
    minions: ['', 'nodes'],
    controllers: ['', 'replicationcontrollers'],
    deployments: ['apps', 'deployments'],
    replicasets: ['apps', 'replicasets'],
    statefulsets: ['apps', 'statefulsets'],
    daemonsets: ['apps', 'daemonsets'],
    controllerrevisions: ['apps', 'controllerrevisions'],
    jobs: ['batch', 'jobs'],
    cronjobs: ['batch', 'cronjobs'],
    horizontalpodautoscalers: ['autoscaling', 'horizontalpodautoscalers'],
    poddisruptionbudgets: ['policy', 'poddisruptionbudgets'],
    podsecuritypolicy: ['policy', 'podsecuritypolicies'],
    clusterroles: ['rbac.authorization.k8s.io', 'clusterroles'],
    clusterrolebindings: ['rbac.authorization.k8s.io', 'clusterrolebindings'],
    roles: ['rbac.authorization.k8s.io', 'roles'],
    rolebindings: ['rbac.authorization.k8s.io', 'rolebindings'],
    priorityclasses: ['scheduling.k8s.io', 'priorityclasses'],
    storageclasses: ['storage.k8s.io', 'storageclasses'],
    volumeattachments: ['storage.k8s.io', 'volumeattachments'],
    csidrivers: ['storage.k8s.io', 'csidrivers'],
    csinodes: ['storage.k8s.io', 'csinodes'],
    csistoragecapacities: ['storage.k8s.io', 'csistoragecapacities'],
    volumeattributesclasses: ['storage.k8s.io', 'volumeattributesclasses'],
    leases: ['coordination.k8s.io', 'leases'],
    leasecandidates: ['coordination.k8s.io', 'leasecandidates'],
    certificatesigningrequests: ['certificates.k8s.io', 'certificatesigningrequests'],
    clustertrustbundles: ['certificates.k8s.io', 'clustertrustbundles'],
    podcertificaterequests: ['certificates.k8s.io', 'podcertificaterequests'],
    ingress: ['networking.k8s.io', 'ingresses'],
    ingressclasses: ['networking.k8s.io', 'ingressclasses'],
    networkpolicies: ['networking.k8s.io', 'networkpolicies'],
    ipaddresses: ['networking.k8s.io', 'ipaddresses'],
    servicecidrs: ['networking.k8s.io', 'servicecidrs'],
    endpointslices: ['discovery.k8s.io', 'endpointslices'],
    runtimeclasses: ['node.k8s.io', 'runtimeclasses'],
    flowschemas: ['flowcontrol.apiserver.k8s.io', 'flowschemas'],
    prioritylevelconfigurations: ['flowcontrol.apiserver.k8s.io', 'prioritylevelconfigurations'],
    mutatingwebhookconfigurations: ['admissionregistration.k8s.io', 'mutatingwebhookconfigurations'],
    validatingwebhookconfigurations: ['admissionregistration.k8s.io', 'validatingwebhookconfigurations'],
    validatingadmissionpolicies: ['admissionregistration.k8s.io', 'validatingadmissionpolicies'],
    validatingadmissionpolicybindings: ['admissionregistration.k8s.io', 'validatingadmissionpolicybindings'],
    mutatingadmissionpolicies: ['admissionregistration.k8s.io', 'mutatingadmissionpolicies'],
    mutatingadmissionpolicybindings: ['admissionregistration.k8s.io', 'mutatingadmissionpolicybindings'],
    resourceclaims: ['resource.k8s.io', 'resourceclaims'],
    resourceclaimtemplates: ['resource.k8s.io', 'resourceclaimtemplates'],
    deviceclasses: ['resource.k8s.io', 'deviceclasses'],
    resourceslices: ['resource.k8s.io', 'resourceslices'],
    devicetaintrules: ['resource.k8s.io', 'devicetaintrules'],
    storageversions: ['internal.apiserver.k8s.io', 'storageversions'],
    storageversionmigrations: ['storagemigration.k8s.io', 'storageversionmigrations'],
  }).map(([k, [group, resource]]) => [k, { group: group!, resource: resource! }]),
);

/**
 * The group-resource of an etcd key under `prefix` (the apiserver's --etcd-prefix, default
 * /registry), or undefined when the key is not under it.
 */
export function groupResourceForKey(etcdKey: string, prefix = '/registry'): GroupResource | undefined {
  const p = prefix.endsWith('/') ? prefix : prefix + '/';
  if (!etcdKey.startsWith(p)) return undefined;
  const segs = etcdKey.slice(p.length).split('/');
  const first = segs[0] ?? '';
  if (first === '') return undefined;
  const two = BUILTIN.get(`${first}/${segs[1] ?? ''}`);
  if (two) return two;
  const one = BUILTIN.get(first);
  if (one) return one;
  // /registry/<group>/<resource>/...: custom resources and aggregated APIs (groups have a dot)
  if (first.includes('.') && segs.length >= 2 && segs[1]) return { group: first, resource: segs[1] };
  return { group: '', resource: first };
}
