#!/usr/bin/env bash
# Builds the local Kubernetes control plane from the pinned Go modules in this folder:
# kube-apiserver, kube-controller-manager, kube-scheduler and kubectl (kubernetes/), etcd
# (etcd/) and kwok (kwok/), and the local cluster's telemetry servers: metrics-server
# (metrics-server/), VictoriaMetrics single-node (victoriametrics/) and Jaeger (jaeger/).
# Binaries go to per-version cache directories outside the repository and are reused on later
# runs; nothing is ever written into the work tree. Only the binaries missing from those
# directories are built, so adding one builds just that one.
#
#   tools/k8s/build.sh                     build what is missing, print the binary directory last
#   tools/k8s/build.sh --print-dir         print the control plane's binary directory only (no build)
#   tools/k8s/build.sh --print-telemetry   print `name=path` of each telemetry binary (no build)
#
# Environment:
#   STAGECRAFT_K8S_CACHE  cache root (default: ${XDG_CACHE_HOME:-$HOME/.cache}/stagecraft/k8s)
# Exit codes: 0 built or reused, 3 Go is missing, other: the build failed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

# The version a wrapper module pins, read from its go.mod (single source of truth).
pinned() { awk -v m="$2" '$1 == m {print $2} $1 == "require" && $2 == m {print $3}' "$here/$1/go.mod" | head -1; }

k8s_version=$(pinned kubernetes k8s.io/kubernetes)
etcd_version=$(pinned etcd go.etcd.io/etcd/server/v3)
kwok_version=$(pinned kwok sigs.k8s.io/kwok)
cache_root=${STAGECRAFT_K8S_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/stagecraft/k8s}
bin_dir="$cache_root/kubernetes-$k8s_version+etcd-$etcd_version+kwok-$kwok_version"

# Telemetry servers: one directory per server and version, so bumping one rebuilds only it.
# Each entry: binary name, wrapper module directory, pinned module, package to build.
telemetry=(
  "metrics-server metrics-server sigs.k8s.io/metrics-server sigs.k8s.io/metrics-server/cmd/metrics-server"
  "victoria-metrics victoriametrics github.com/VictoriaMetrics/VictoriaMetrics github.com/VictoriaMetrics/VictoriaMetrics/app/victoria-metrics"
  "jaeger jaeger github.com/jaegertracing/jaeger github.com/jaegertracing/jaeger/cmd/jaeger"
)
telemetry_path() { # telemetry_path <name> <module dir> <module>: where that binary is cached
  echo "$cache_root/$2-$(pinned "$2" "$3")/$1"
}

if [ "${1:-}" = "--print-dir" ]; then
  echo "$bin_dir"
  exit 0
fi
if [ "${1:-}" = "--print-telemetry" ]; then
  for entry in "${telemetry[@]}"; do
    read -r name module_dir module _ <<<"$entry"
    echo "$name=$(telemetry_path "$name" "$module_dir" "$module")"
  done
  exit 0
fi

# One build at a time per cache: several test runs on one machine would otherwise compile the
# same packages side by side and race on the same output files. The lock is taken before the
# cache is looked at, so a run that waited finds what the other one built.
if command -v flock >/dev/null 2>&1; then
  mkdir -p "$cache_root"
  exec 9>"$cache_root/.build.lock"
  if ! flock -n 9; then
    echo "k8s binaries: another build.sh is building; waiting for it" >&2
    flock 9
  fi
fi

binaries=(kube-apiserver kube-controller-manager kube-scheduler kubectl etcd kwok)
missing=()
for b in "${binaries[@]}"; do [ -x "$bin_dir/$b" ] || missing+=("$b"); done
missing_telemetry=()
for entry in "${telemetry[@]}"; do
  read -r name module_dir module _ <<<"$entry"
  [ -x "$(telemetry_path "$name" "$module_dir" "$module")" ] || missing_telemetry+=("$entry")
done
if [ ${#missing[@]} -eq 0 ] && [ ${#missing_telemetry[@]} -eq 0 ]; then
  echo "k8s binaries: reusing $bin_dir" >&2
  echo "$bin_dir"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  cat >&2 <<MSG
tools/k8s/build.sh: Go is not installed, so the local Kubernetes control plane cannot be built.
Install Go 1.26 or newer (https://go.dev/dl/) and run this script again; it needs the Go module
proxy and about 15 minutes on 2 cores the first time (later runs reuse $cache_root).
MSG
  exit 3
fi

mkdir -p "$bin_dir"
export CGO_ENABLED=0
started=$SECONDS
echo "k8s binaries: building ${missing[*]} ${#missing_telemetry[@]} telemetry server(s) (go $(go env GOVERSION))" >&2

needs() { for m in "${missing[@]}"; do [ "$m" = "$1" ] && return 0; done; return 1; }

# Build into a temporary name and rename, so an interrupted build never leaves a truncated
# binary that a later run would mistake for a finished one.
build() { # build <module dir> <binary name> <package> [ldflags] [output dir]
  local module=$1 name=$2 package=$3 ldflags=${4:-} out=${5:-$bin_dir}
  local began=$SECONDS
  mkdir -p "$out"
  (cd "$here/$module" && go build -trimpath -ldflags "-s -w $ldflags" -o "$out/.$name.tmp" "$package")
  mv "$out/.$name.tmp" "$out/$name"
  echo "k8s binaries: built $name ($(du -h "$out/$name" | cut -f1)) in $((SECONDS - began))s, at $((SECONDS - started))s" >&2
}

# Stamp the version the way upstream's hack/lib/version.sh does; without it the binaries
# report v0.0.0-master and version-sniffing clients choose the wrong flags.
minor=$(echo "$k8s_version" | cut -d. -f2)
stamp=""
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  stamp+=" -X $pkg.gitVersion=$k8s_version -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean"
done

for cmd in kube-apiserver kube-controller-manager kube-scheduler kubectl; do
  needs "$cmd" && build kubernetes "$cmd" "k8s.io/kubernetes/cmd/$cmd" "$stamp"
done
needs etcd && build etcd etcd go.etcd.io/etcd/server/v3
needs kwok && build kwok kwok sigs.k8s.io/kwok/cmd/kwok
for entry in ${missing_telemetry[@]+"${missing_telemetry[@]}"}; do
  read -r name module_dir module package <<<"$entry"
  path=$(telemetry_path "$name" "$module_dir" "$module")
  build "$module_dir" "$name" "$package" "" "$(dirname "$path")"
done

"$bin_dir/kube-apiserver" --version >&2
echo "k8s binaries: done in $((SECONDS - started))s" >&2
echo "$bin_dir"
