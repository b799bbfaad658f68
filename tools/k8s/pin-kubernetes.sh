#!/usr/bin/env bash
# Regenerates tools/k8s/kubernetes/go.mod for one Kubernetes release.
#
# k8s.io/kubernetes requires its staging modules at the non-existent version v0.0.0 and
# replaces them with ./staging paths, which a dependent module cannot see. A wrapper module
# must therefore replace each of them with the published v0.X.Y twin. The list is read from
# the published go.mod so it never drifts from the release (1.36 added modules, for example).
#
# Usage: tools/k8s/pin-kubernetes.sh v1.37.2   (then commit go.mod and go.sum)
set -euo pipefail
version=${1:?usage: pin-kubernetes.sh vMAJOR.MINOR.PATCH}
staging="v0.${version#v1.}"
here=$(cd "$(dirname "$0")" && pwd)
command -v go >/dev/null || { echo "pin-kubernetes: Go is required (https://go.dev/dl)" >&2; exit 3; }

upstream_mod=$(cd "$(mktemp -d)" && go mod download -json "k8s.io/kubernetes@$version" |
  sed -n 's/.*"GoMod": "\(.*\)",*/\1/p')
upstream_go=$(awk '$1 == "go" {print $2; exit}' "$upstream_mod")
upstream_godebug=$(awk '$1 == "godebug" {print $2; exit}' "$upstream_mod")

cd "$here/kubernetes"
rm -f go.mod go.sum
go mod init local.invalid/stagecraft-k8s >/dev/null 2>&1
# Mirror upstream's language version and GODEBUG defaults: the binaries behave as upstream's.
go mod edit -go="$upstream_go" -require="k8s.io/kubernetes@$version"
[ -n "$upstream_godebug" ] && go mod edit -godebug="$upstream_godebug"
for module in $(awk '$1 ~ /^k8s\.io\// && $2 == "v0.0.0" {print $1}' "$upstream_mod"); do
  go mod edit -replace="$module=$module@$staging"
done
for cmd in kube-apiserver kube-controller-manager kube-scheduler kubectl; do
  go mod edit -tool="k8s.io/kubernetes/cmd/$cmd"
done
go mod tidy
echo "pinned k8s.io/kubernetes $version (staging $staging)"
