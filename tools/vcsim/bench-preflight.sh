#!/usr/bin/env bash
# Times `capi-image-build preflight` against a local vcsim, next to two baselines: the JVM start of the same jar
# (`--version`) and one TLS SOAP call with curl. Usage (from the repository root, after `mvn -f core package`):
#   bash tools/vcsim/bench-preflight.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
jar=core/target/capi-image-build.jar
[[ -f $jar ]] || { echo "build the CLI first: (cd core && mvn -B -q package -DskipTests)" >&2; exit 2; }
bash tools/vcsim/build.sh >/dev/null
work=$(mktemp -d)
pid=
cleanup() { [[ -n $pid ]] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# The password only travels through the environment of the two processes.
export VCSIM_PASSWORD=bench-only-password VCENTER_USER=jenkins VCENTER_PASSWORD=bench-only-password
tools/vcsim/vcsim -l 127.0.0.1:0 -username jenkins -folder Templates -template Templates/rocky-9 \
  -write-cert "$work/ca.pem" > "$work/url" 2> "$work/vcsim.log" &
pid=$!
for _ in $(seq 50); do grep -q CAPI_VCSIM_URL "$work/url" && break; sleep 0.1; done
server=$(sed -n 's#CAPI_VCSIM_URL=https://\([^/]*\)/sdk#\1#p' "$work/url")
cat > "$work/imageconfig" <<CFG
image_name=rhel-8-kube-v1.30.4
vcenter_server=$server
vcenter_datacenter=DC0
vcenter_cluster=DC0_C0
vcenter_resource_pool=
vcenter_datastore=LocalDS_0
vcenter_network=VM Network
vcenter_folder=Templates
vcenter_template=rocky-9
CFG
envelope='<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:urn="urn:vim25"><soapenv:Body><urn:RetrieveServiceContent><urn:_this type="ServiceInstance">ServiceInstance</urn:_this></urn:RetrieveServiceContent></soapenv:Body></soapenv:Envelope>'

wall() { local s e; s=$(date +%s%N); "$@" > "$work/last" 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
echo "load: $(cut -d' ' -f1-3 /proc/loadavg), cores: $(nproc)"
printf '%-4s %14s %16s %22s  %s\n' run "preflight ms" "java --version ms" "curl 1 SOAP call ms" "preflight's own report"
for i in $(seq "$runs"); do
  p=$(wall java -jar "$jar" preflight --config "$work/imageconfig" --ca-file "$work/ca.pem")
  own=$(tail -1 "$work/last" | sed 's/.*pre-flight/pre-flight/')
  v=$(wall java -jar "$jar" --version)
  c=$(wall curl -s --cacert "$work/ca.pem" -o /dev/null -H 'Content-Type: text/xml' -H 'SOAPAction: "urn:vim25/6.5"' \
        --data-binary "$envelope" "https://$server/sdk")
  printf '%-4s %14s %16s %22s  %s\n' "$i" "$p" "$v" "$c" "$own"
done
