#!/usr/bin/env bash
# Builds the local Kubernetes control plane from the pinned Go modules in this folder:
# kube-apiserver, kube-controller-manager, kube-scheduler and kubectl (kubernetes/), etcd
# (etcd/) and kwok (kwok/). Binaries go to a per-version cache directory outside the
# repository and are reused on later runs; nothing is ever written into the work tree. Only
# the binaries missing from that directory are built, so adding one builds just that one.
#
#   tools/k8s/build.sh               build what is missing, print the binary directory last
#   tools/k8s/build.sh --print-dir   print the binary directory only (no build)
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

if [ "${1:-}" = "--print-dir" ]; then
  echo "$bin_dir"
  exit 0
fi

binaries=(kube-apiserver kube-controller-manager kube-scheduler kubectl etcd kwok)
missing=()
for b in "${binaries[@]}"; do [ -x "$bin_dir/$b" ] || missing+=("$b"); done
if [ ${#missing[@]} -eq 0 ]; then
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
echo "k8s binaries: building ${missing[*]} into $bin_dir (go $(go env GOVERSION))" >&2

needs() { for m in "${missing[@]}"; do [ "$m" = "$1" ] && return 0; done; return 1; }

# Build into a temporary name and rename, so an interrupted build never leaves a truncated
# binary that a later run would mistake for a finished one.
build() { # build <module dir> <binary name> <package> [ldflags]
  local module=$1 name=$2 package=$3 ldflags=${4:-}
  (cd "$here/$module" && go build -trimpath -ldflags "-s -w $ldflags" -o "$bin_dir/.$name.tmp" "$package")
  mv "$bin_dir/.$name.tmp" "$bin_dir/$name"
  echo "k8s binaries: built $name ($(du -h "$bin_dir/$name" | cut -f1)) at $((SECONDS - started))s" >&2
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

"$bin_dir/kube-apiserver" --version >&2
echo "k8s binaries: done in $((SECONDS - started))s" >&2
echo "$bin_dir"
